import { describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/client/errors.js";
import { PendingRequest } from "../../src/client/pending.js";
import { SendQueue } from "../../src/client/send-queue.js";
import type { ClientMessage } from "../../src/protocol/messages.js";
import { FakeClock } from "./fake-clock.js";

const sms = (message: string): ClientMessage => ({
  type: "sms_received",
  from: "a",
  to: "b",
  message,
  user: "u",
});
/** The wire size of an SMS event with an empty text: each request's bytes are this plus its text's. */
const BASE = Buffer.byteLength(JSON.stringify(sms("")));

function pending(clock: FakeClock, message: string, timeoutMs = 1000) {
  const errors: Error[] = [];
  const r = new PendingRequest(sms(message), clock.now() + timeoutMs, timeoutMs, undefined, (e) =>
    errors.push(e),
  );
  return { r, errors };
}

const texts = (requests: PendingRequest[]) => requests.map((r) => (r.message as { message: string }).message);

describe("SendQueue", () => {
  it("bounds by count and by bytes", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 2, maxBytes: 2 * BASE + 10 }, clock);
    expect(q.add(pending(clock, "12345").r)).toBe(true);
    expect(q.add(pending(clock, "123456").r)).toBe(false);
    expect(q.add(pending(clock, "€€").r)).toBe(false); // 6 bytes in UTF-8, not 2
    expect(q.add(pending(clock, "12345").r)).toBe(true);
    expect(q.add(pending(clock, "").r)).toBe(false);
    expect([q.size, q.byteSize]).toEqual([2, 2 * BASE + 10]);
  });

  it("drains oldest first and stops the timers", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 10, maxBytes: 1000 }, clock);
    q.add(pending(clock, "a").r);
    q.add(pending(clock, "b").r);
    expect(texts(q.drain())).toEqual(["a", "b"]);
    expect([q.size, q.byteSize, clock.pending]).toEqual([0, 0, 0]);
  });

  it("a send whose deadline passes leaves the queue and rejects with TimeoutError", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 10, maxBytes: 1000 }, clock);
    const first = pending(clock, "first", 100);
    const second = pending(clock, "second", 200);
    q.add(first.r);
    q.add(second.r);
    clock.advance(100);
    expect(first.errors[0]).toBeInstanceOf(TimeoutError);
    expect(texts(q.drain())).toEqual(["second"]);
    expect(second.errors).toEqual([]);
  });
});
