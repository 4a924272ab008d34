import { describe, expect, it } from "vitest";
import {
  ConnectionLostError,
  ProtocolError,
  SupervisorError,
  TimeoutError,
} from "../../src/client/errors.js";
import { EXPECTATIONS, type Expectation, expectationFor } from "../../src/client/expectations.js";
import { PendingRequest, ReplyQueue } from "../../src/client/pending.js";
import type { ServerEvent } from "../../src/protocol/events.js";
import { FakeClock } from "./fake-clock.js";

const SMS = EXPECTATIONS.sms_received as Expectation;
const ack = (user: string): ServerEvent => ({
  type: "message_acknowledged",
  message_type: "sms",
  user,
  timestamp: "t",
});

function request(clock: FakeClock, timeoutMs = 1000, expectation = SMS) {
  const outcome: { value?: ServerEvent; error?: Error } = {};
  const r = new PendingRequest(
    expectation,
    clock.now() + timeoutMs,
    timeoutMs,
    (value) => {
      outcome.value = value;
    },
    (error) => {
      outcome.error = error;
    },
  );
  return { r, outcome };
}

describe("ReplyQueue", () => {
  it("hands replies to requests first in, first out", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const a = request(clock);
    const b = request(clock);
    q.push(a.r);
    q.push(b.r);
    expect(q.settle(ack("a"))).toBe(true);
    expect(q.settle(ack("b"))).toBe(true);
    expect([a.outcome.value, b.outcome.value]).toEqual([ack("a"), ack("b")]);
    expect(q.settle(ack("extra"))).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it("keeps a timed-out request as a tombstone that swallows its late reply", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const slow = request(clock, 100);
    const next = request(clock, 1000);
    q.push(slow.r);
    q.push(next.r);
    clock.advance(100);
    expect(slow.outcome.error).toBeInstanceOf(TimeoutError);
    expect([q.size, q.waiting]).toEqual([2, 1]);
    q.settle(ack("slow"));
    expect(next.outcome.value).toBeUndefined();
    q.settle(ack("next"));
    expect(next.outcome.value).toEqual(ack("next"));
    expect(q.size).toBe(0);
  });

  it("expires each request at its own deadline with one timer", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const long = request(clock, 500);
    const short = request(clock, 100);
    q.push(long.r);
    q.push(short.r);
    expect(clock.pending).toBe(1);
    clock.advance(100);
    expect(short.outcome.error).toBeInstanceOf(TimeoutError);
    expect(long.outcome.error).toBeUndefined();
    clock.advance(400);
    expect(long.outcome.error).toMatchObject({ phase: "request", timeoutMs: 500 });
    expect(clock.pending).toBe(0);
  });

  it("rejects an error reply with SupervisorError and a wrong reply type with ProtocolError", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const a = request(clock);
    const b = request(clock);
    const c = request(clock);
    for (const x of [a, b, c]) q.push(x.r);
    q.settle({ type: "error", message: "nope" });
    q.settle({ type: "pong" });
    q.settleInvalid("message_acknowledged: user: missing", (reason) => new ProtocolError(reason));
    expect(a.outcome.error).toBeInstanceOf(SupervisorError);
    expect(b.outcome.error).toBeInstanceOf(ProtocolError);
    expect(c.outcome.error?.message).toContain("user: missing");
  });

  it("failAll rejects every waiting request at once and forgets tombstones", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const reqs = [request(clock, 10), request(clock), request(clock)];
    for (const x of reqs) q.push(x.r);
    clock.advance(10);
    q.failAll(new ConnectionLostError());
    expect(reqs[0]?.outcome.error).toBeInstanceOf(TimeoutError);
    expect(reqs.slice(1).map((x) => x.outcome.error?.constructor)).toEqual([
      ConnectionLostError,
      ConnectionLostError,
    ]);
    expect([q.size, q.waiting, clock.pending]).toEqual([0, 0, 0]);
  });

  it("stays correct over many requests in flight (the FIFO compacts)", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue(clock);
    const all: ReturnType<typeof request>[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = request(clock);
      all.push(x);
      q.push(x.r);
      if (i >= 32) q.settle(ack(String(i - 32)));
    }
    for (let i = 5000 - 32; i < 5000; i++) q.settle(ack(String(i)));
    expect(
      all.every((x, i) => x.outcome.value && "user" in x.outcome.value && x.outcome.value.user === String(i)),
    ).toBe(true);
    expect(q.size).toBe(0);
  });
});

describe("expectations", () => {
  it("lists the replies of every request type; unknown types accept any reply", () => {
    expect(expectationFor("get_calendar").types).toEqual(new Set(["calendar_retrieved"]));
    expect(expectationFor("brand_new").types).toBeUndefined();
  });
});
