import { describe, expect, it } from "vitest";
import {
  ConnectionLostError,
  ProtocolError,
  SupervisorError,
  TimeoutError,
} from "../../src/client/errors.js";
import { EXPECTATIONS, type Expectation, expectationFor } from "../../src/client/expectations.js";
import { PendingRequest } from "../../src/client/pending.js";
import { ReplyQueue } from "../../src/client/reply-queue.js";
import type { ServerEvent } from "../../src/protocol/events.js";
import type { ClientMessage } from "../../src/protocol/messages.js";
import { type ParsedEvent, parseEvent } from "../../src/protocol/parse.js";
import { FakeClock } from "./fake-clock.js";

const SMS = EXPECTATIONS.sms_received as Expectation;
const ack = (user: string): ServerEvent => ({
  type: "message_acknowledged",
  message_type: "sms",
  user,
  timestamp: "t",
});

const reply = (event: ServerEvent): ParsedEvent => ({ kind: "reply", event });
const sms = (user: string): ServerEvent => ({ type: "send_sms_response", to: "+1555", message: "m", user });
const reminderSent: ParsedEvent = {
  kind: "broadcast",
  event: { type: "reminder_sent", reminder_id: "r1", method: "sms", timestamp: "t" },
};

function request(clock: FakeClock, timeoutMs = 1000, expectation = SMS, user?: string) {
  const outcome: { value?: ServerEvent; error?: Error } = {};
  // The request's expectation and user come from its message (its other fields do not matter here).
  const message = { type: expectation.request, ...(user === undefined ? {} : { user }) } as ClientMessage;
  const r = new PendingRequest(
    message,
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
    const q = new ReplyQueue<PendingRequest>(clock);
    const a = request(clock);
    const b = request(clock);
    q.push(a.r);
    q.push(b.r);
    expect(q.receive(reply(ack("a")))).toEqual({ kind: "reply" });
    expect(a.outcome.value).toEqual(ack("a"));
    expect(q.receive(reply(ack("b")))).toEqual({ kind: "reply" });
    expect([a.outcome.value, b.outcome.value]).toEqual([ack("a"), ack("b")]);
    expect(q.receive(reply(ack("extra")))).toMatchObject({
      kind: "warning",
      warning: { message: expect.stringMatching(/fits no waiting request \(no request is waiting\)/) },
    });
  });

  it("leaves its one timer armed when the last request is answered: it fires once for nothing, then none is left", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const a = request(clock, 1000);
    q.push(a.r);
    q.receive(reply(ack("a")));
    // Not cleared per request (an idle link's socket holds the process anyway): a later request
    // with a later deadline finds it armed and arms nothing.
    expect(clock.pending).toBe(1);
    clock.advance(500);
    const b = request(clock, 1000);
    q.push(b.r);
    expect(clock.pending).toBe(1);
    clock.advance(500);
    expect(b.outcome).toEqual({});
    // Re-armed for b's deadline, which then passes with nothing waiting.
    q.receive(reply(ack("b")));
    clock.advance(1000);
    expect([a.outcome.error, b.outcome.error]).toEqual([undefined, undefined]);
    expect(clock.pending).toBe(0);
    // failAll (the link closing) leaves no timer either.
    q.push(request(clock, 1000).r);
    q.failAll(new ConnectionLostError());
    expect(clock.pending).toBe(0);
  });

  it("keeps a timed-out request as a tombstone that swallows its late reply", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const slow = request(clock, 100);
    const next = request(clock, 1000);
    q.push(slow.r);
    q.push(next.r);
    clock.advance(100);
    expect(slow.outcome.error).toBeInstanceOf(TimeoutError);
    expect([q.size, q.waiting]).toEqual([2, 1]);
    q.receive(reply(ack("slow")));
    expect(next.outcome.value).toBeUndefined();
    q.receive(reply(ack("next")));
    expect(next.outcome.value).toEqual(ack("next"));
    expect(q.size).toBe(0);
  });

  it("expires each request at its own deadline with one timer", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
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

  it("rejects an error reply with SupervisorError and a fitting frame with bad fields with ProtocolError", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const a = request(clock);
    const b = request(clock);
    for (const x of [a, b]) q.push(x.r);
    q.receive(reply({ type: "error", message: "nope" }));
    q.receive(parseEvent('{"type":"message_acknowledged","message_type":"sms"}'));
    expect(a.outcome.error).toBeInstanceOf(SupervisorError);
    expect(b.outcome.error).toBeInstanceOf(ProtocolError);
    expect(b.outcome.error?.message).toMatch(/user/);
  });

  it("a reply that does not fit the head (type, user, message_type) is a warning and is not taken", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const a = request(clock, 1000, SMS, "alice");
    const b = request(clock, 1000, SMS, "bob");
    for (const x of [a, b]) q.push(x.r);
    expect(q.receive(reply({ type: "pong" }))).toMatchObject({ kind: "warning" });
    expect(q.receive(reply(ack("bob")))).toMatchObject({
      kind: "warning",
      warning: { message: expect.stringContaining('expected user "alice"') },
    });
    const email: ServerEvent = {
      type: "message_acknowledged",
      message_type: "email",
      user: "alice",
      timestamp: "t",
    };
    expect(q.receive(reply(email))).toMatchObject({ kind: "warning" });
    expect(q.receive(reply({ type: "auth_result", success: true, message: "ok" }))).toMatchObject({
      kind: "warning",
    });
    expect([a.outcome, b.outcome]).toEqual([{}, {}]);
    // A server that answers alice twice: the second is a warning, bob still gets his own.
    q.receive(reply(ack("alice")));
    expect(q.receive(reply(ack("alice")))).toMatchObject({ kind: "warning" });
    q.receive(reply(ack("bob")));
    expect([a.outcome.value, b.outcome.value]).toEqual([ack("alice"), ack("bob")]);
  });

  it("a send_sms_response that does not fit the head is a reminder; one that fits and is followed by reminder_sent is an ambiguous one", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const bob = request(clock, 1000, SMS, "bob");
    q.push(bob.r);
    expect(q.receive(reply(sms("alice")))).toEqual({
      kind: "reminder",
      reminder: { event: sms("alice"), ambiguous: false },
    });
    expect(q.receive(reminderSent)).toEqual({ kind: "other" });
    expect(bob.outcome).toEqual({});
    expect(q.receive(reply(sms("bob")))).toMatchObject({ kind: "reply" });
    expect(bob.outcome.value).toEqual(sms("bob"));
    expect(q.receive(reminderSent)).toEqual({
      kind: "reminder",
      reminder: { event: sms("bob"), ambiguous: true },
    });
    // An email request never takes an SMS reminder.
    const mail = request(clock, 1000, EXPECTATIONS.email_received as Expectation, "carol");
    q.push(mail.r);
    expect(q.receive(reply(sms("carol")))).toMatchObject({
      kind: "reminder",
      reminder: { ambiguous: false },
    });
    expect(mail.outcome).toEqual({});
  });

  it("passes over a timed-out head whose reply never came when a live request right behind it fits", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
    const lost = request(clock, 100, SMS, "lost");
    const next = request(clock, 1000, SMS, "next");
    const live = request(clock, 1000, SMS, "live");
    for (const x of [lost, next, live]) q.push(x.r);
    clock.advance(100);
    expect(q.receive(reply(ack("live")))).toMatchObject({ kind: "warning" });
    q.receive(reply(ack("next")));
    expect(next.outcome.value).toEqual(ack("next"));
    expect(q.size).toBe(1);
  });

  it("failAll rejects every waiting request at once and forgets tombstones", () => {
    const clock = new FakeClock();
    const q = new ReplyQueue<PendingRequest>(clock);
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
    const q = new ReplyQueue<PendingRequest>(clock);
    const all: ReturnType<typeof request>[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = request(clock);
      all.push(x);
      q.push(x.r);
      if (i >= 32) q.receive(reply(ack(String(i - 32))));
    }
    for (let i = 5000 - 32; i < 5000; i++) q.receive(reply(ack(String(i))));
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
