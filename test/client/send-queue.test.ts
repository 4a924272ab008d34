import { describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/client/errors.js";
import { PING_EXPECTATION } from "../../src/client/expectations.js";
import { PendingRequest } from "../../src/client/pending.js";
import { SendQueue } from "../../src/client/send-queue.js";
import { FakeClock } from "./fake-clock.js";

const ping = { type: "ping" as const };

function pending(clock: FakeClock, timeoutMs = 1000) {
  const errors: Error[] = [];
  const r = new PendingRequest(PING_EXPECTATION, clock.now() + timeoutMs, timeoutMs, undefined, (e) =>
    errors.push(e),
  );
  return { r, errors };
}

describe("SendQueue", () => {
  it("bounds by count and by bytes", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 2, maxBytes: 10 }, clock);
    expect(q.add(pending(clock).r, ping, "12345")).toBe(true);
    expect(q.add(pending(clock).r, ping, "123456")).toBe(false);
    expect(q.add(pending(clock).r, ping, "€€")).toBe(false); // 6 bytes in UTF-8, not 2
    expect(q.add(pending(clock).r, ping, "12345")).toBe(true);
    expect(q.add(pending(clock).r, ping, "")).toBe(false);
    expect([q.size, q.byteSize]).toEqual([2, 10]);
  });

  it("drains oldest first and stops the timers", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 10, maxBytes: 1000 }, clock);
    q.add(pending(clock).r, ping, "a");
    q.add(pending(clock).r, ping, "b");
    expect(q.drain().map((i) => i.text)).toEqual(["a", "b"]);
    expect([q.size, q.byteSize, clock.pending]).toEqual([0, 0, 0]);
  });

  it("a send whose deadline passes leaves the queue and rejects with TimeoutError", () => {
    const clock = new FakeClock();
    const q = new SendQueue({ maxMessages: 10, maxBytes: 1000 }, clock);
    const first = pending(clock, 100);
    const second = pending(clock, 200);
    q.add(first.r, ping, "first");
    q.add(second.r, ping, "second");
    clock.advance(100);
    expect(first.errors[0]).toBeInstanceOf(TimeoutError);
    expect(q.drain().map((i) => i.text)).toEqual(["second"]);
    expect(second.errors).toEqual([]);
  });
});
