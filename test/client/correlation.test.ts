import { describe, expect, it, vi } from "vitest";
import {
  ConnectionLostError,
  type ParsedEvent,
  ProtocolError,
  type ProtocolWarning,
  type SupervisorClientOptions,
  SupervisorError,
  TimeoutError,
  ValidationError,
} from "../../src/index.js";
import { defaultReply, type Responder } from "../helpers/protocol-server.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, EMAIL, gate, SMS } from "./util.js";

const { serverAndClient } = clientFixtures();

async function setup(respond?: Responder, options: SupervisorClientOptions = {}) {
  const { server, client } = await serverAndClient(options, respond ? { respond } : {});
  const events: ParsedEvent[] = [];
  client.on("event", (e) => events.push(e));
  await client.connect();
  const connection = server.connections[0];
  if (connection === undefined) throw new Error("no connection");
  return { server, client, events, connection };
}

const timestamp = "2025-01-15T10:30:00.123456789+00:00";

describe("correlation: replies match requests in order, never broadcasts or unknown events", () => {
  it("100 concurrent sendSmsEvent calls each resolve with their own reply while broadcasts interleave", async () => {
    let n = 0;
    const { client, events } = await setup((message, conn) => {
      n++;
      // Broadcasts and unknown events before, between and after replies.
      conn.send({ type: "user_speech", duration_ms: n, timestamp });
      if (n % 3 === 0) conn.send({ type: "brand_new_event", n });
      if (n % 7 === 0)
        conn.send({
          type: "reminder_due",
          reminder_id: "r",
          appointment_id: "a",
          user_id: "u",
          method: "sms",
          message: "m",
          timestamp,
        });
      return defaultReply(message);
    });
    const users = Array.from({ length: 100 }, (_, i) => `user-${i}`);
    const replies = await Promise.all(users.map((user) => client.sendSmsEvent({ ...SMS, user })));
    expect(replies.map((r) => r.user)).toEqual(users);
    for (const r of replies) expect(r).toMatchObject({ type: "message_acknowledged", message_type: "sms" });
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === "broadcast").length).toBe(100 + 14);
    expect(kinds.filter((k) => k === "unknown").length).toBe(33);
    expect(kinds.filter((k) => k === "reply").length).toBe(101); // auth_result + 100
  });

  it("send_sms_response and send_email_response resolve with the AI answer", async () => {
    const { client } = await setup((message) => {
      if (message.type === "sms_received")
        return { type: "send_sms_response", to: message.from, message: "AI says hi", user: message.user };
      if (message.type === "email_received")
        return {
          type: "send_email_response",
          to: message.from,
          subject: `Re: ${message.subject}`,
          body: "AI body",
          user: message.user,
        };
      return defaultReply(message);
    });
    expect(await client.sendSmsEvent(SMS)).toEqual({
      type: "send_sms_response",
      to: SMS.from,
      message: "AI says hi",
      user: "alice",
    });
    expect(await client.sendEmailEvent(EMAIL)).toEqual({
      type: "send_email_response",
      to: EMAIL.from,
      subject: "Re: Question",
      body: "AI body",
      user: "alice",
    });
  });

  it("message_acknowledged resolves sendEmailEvent", async () => {
    const { client } = await setup();
    const reply = await client.sendEmailEvent(EMAIL);
    expect(reply).toMatchObject({ type: "message_acknowledged", message_type: "email", user: "alice" });
  });

  it("an error reply rejects with SupervisorError carrying the supervisor's message", async () => {
    const { client } = await setup((message) =>
      message.type === "sms_received" && message.user === "bad"
        ? { type: "error", message: "Claude Code failed: quota" }
        : defaultReply(message),
    );
    const error = await client.sendSmsEvent({ ...SMS, user: "bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisorError);
    expect(error).toMatchObject({ code: "supervisor_error", supervisorMessage: "Claude Code failed: quota" });
    expect(await client.sendSmsEvent(SMS)).toMatchObject({ user: "alice" });
  });

  it("a reply of the wrong type is a protocol warning, not taken: the request keeps waiting", async () => {
    const clock = new FakeClock();
    const { client } = await setup(
      (message) =>
        message.type === "sms_received" && message.user === "odd" ? { type: "pong" } : defaultReply(message),
      { clock, requestTimeoutMs: 1000 },
    );
    const warnings: ProtocolWarning[] = [];
    client.on("protocol_warning", (w) => warnings.push(w));
    const odd = client.sendSmsEvent({ ...SMS, user: "odd" }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(warnings[0]?.message).toMatch(
      /^pong fits no waiting request \(expected message_acknowledged or send_sms_response in reply to sms_received, got pong\)/,
    );
    expect(warnings[0]?.event).toEqual({ kind: "reply", event: { type: "pong" } });
    clock.advance(1000);
    expect(await odd).toBeInstanceOf(TimeoutError);
    expect(await client.sendSmsEvent({ ...SMS, user: "next" })).toMatchObject({ user: "next" });
  });

  it("with an injected clock, each request of one event-loop pass times out from its own call", async () => {
    const clock = new FakeClock();
    const { client } = await setup(() => null, { clock, requestTimeoutMs: 1000 });
    // Both written in one pass (the socket corked once): the clock moved between the two calls.
    const first = client.sendSmsEvent({ ...SMS, user: "first" }).catch((e: unknown) => e);
    clock.advance(600);
    let secondError: unknown;
    const second = client.sendSmsEvent({ ...SMS, user: "second" }).catch((e: unknown) => {
      secondError = e;
    });
    clock.advance(400);
    expect(await first).toBeInstanceOf(TimeoutError);
    await Promise.resolve();
    expect(secondError).toBeUndefined();
    clock.advance(600);
    await second;
    expect(secondError).toBeInstanceOf(TimeoutError);
  });

  it("an acknowledgement of the wrong message_type is not taken either", async () => {
    const { client } = await setup(() => ({
      type: "message_acknowledged",
      message_type: "email",
      user: "alice",
      timestamp,
    }));
    const warning = new Promise<ProtocolWarning>((resolve) => client.once("protocol_warning", resolve));
    const sent = client.sendSmsEvent(SMS, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect((await warning).message).toMatch(/expected message_type sms in reply to sms_received, got email/);
    client.disconnect();
    expect(await sent).toBeInstanceOf(ConnectionLostError);
  });

  it("request() sends any message and resolves with its reply; monitor gets the Rust format error", async () => {
    const started = performance.now();
    const { client } = await setup();
    expect(await client.request({ type: "get_calendar", user_id: "u1", period: "week" })).toMatchObject({
      type: "calendar_retrieved",
      period: "week",
    });
    const error = await client.request({ type: "monitor" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisorError);
    expect((error as SupervisorError).supervisorMessage).toMatch(
      /^Invalid message format: unknown variant `monitor`/,
    );
    await expect(client.request({ type: "auth", token: "x" })).rejects.toBeInstanceOf(ValidationError);
    const rtt = await client.ping();
    expect(rtt).toBeLessThanOrEqual(performance.now() - started);
  });
});

describe("validation before sending", () => {
  it.each([
    [{ ...SMS, message: "" }, "message", /message must not be empty/],
    // Blank by trim(), past the hand check's printable-ASCII shortcut.
    [{ ...SMS, message: "\u00a0 \u3000\ufeff" }, "message", /message must not be empty/],
    [{ from: SMS.from, message: "hi", user: "alice" }, "to", /to is required/],
    [{ ...SMS, user: 42 }, "user", /user must be a string/],
  ])("rejects %j with a ValidationError naming %s, and sends nothing", async (input, field, wording) => {
    const { client, connection } = await setup();
    const error = await client.sendSmsEvent(input as typeof SMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "invalid_input", field });
    expect((error as Error).message).toMatch(wording);
    await client.ping();
    expect(connection.receivedMessages.map((m) => m.type)).toEqual(["auth", "ping"]);
  });

  it("validates email fields too", async () => {
    const { client } = await setup();
    await expect(client.sendEmailEvent({ ...EMAIL, subject: "  " })).rejects.toMatchObject({
      field: "subject",
    });
    await expect(client.sendEmailEvent({ ...EMAIL, body: null as unknown as string })).rejects.toMatchObject({
      field: "body",
    });
  });
});

describe("timeouts", () => {
  it("a reply arriving after its request timed out is dropped without shifting later requests", async () => {
    const clock = new FakeClock();
    const late = gate();
    const { client, connection, events } = await setup(
      async (message) => {
        if (message.type === "sms_received" && message.user === "slow") await late.promise;
        return defaultReply(message);
      },
      { clock, requestTimeoutMs: 1000 },
    );
    const slow = client.sendSmsEvent({ ...SMS, user: "slow" }).catch((e: unknown) => e);
    clock.advance(999);
    const b = client.sendSmsEvent({ ...SMS, user: "b" }, { timeoutMs: 5000 });
    clock.advance(1);
    const slowError = await slow;
    expect(slowError).toBeInstanceOf(TimeoutError);
    expect(slowError).toMatchObject({ phase: "request", timeoutMs: 1000 });
    const c = client.sendSmsEvent({ ...SMS, user: "c" }, { timeoutMs: 5000 });
    await connection.waitForMessages(4); // auth, slow, b, c
    late.open();
    expect((await b).user).toBe("b");
    expect((await c).user).toBe("c");
    // The late reply still surfaced as an event, in its place.
    const users = events.flatMap((e) => (e.kind === "reply" && "user" in e.event ? [e.event.user] : []));
    expect(users).toEqual(["slow", "b", "c"]);
  });

  it("the request timer starts at the call and each request has its own", async () => {
    const clock = new FakeClock();
    const { client } = await setup(() => null, { clock, requestTimeoutMs: 500 });
    const first = client.sendSmsEvent(SMS).catch((e: unknown) => e);
    clock.advance(300);
    const second = client.sendSmsEvent(SMS).catch((e: unknown) => e);
    const settled: string[] = [];
    void first.then(() => settled.push("first"));
    void second.then(() => settled.push("second"));
    clock.advance(200);
    await first;
    expect(settled).toEqual(["first"]);
    clock.advance(300);
    expect(await second).toBeInstanceOf(TimeoutError);
  });
});

describe("malformed frames never crash the client; they surface as events", () => {
  it("non-JSON, binary, unknown types and bad broadcasts are events; an invalid reply takes its slot", async () => {
    const { client, events } = await setup((message, conn) => {
      conn.send("this is not json");
      conn.send(Buffer.from([1, 2, 3]));
      conn.send({ type: "from_the_future", x: 1 });
      conn.send({ no_type: true });
      conn.send({ type: "user_speech", duration_ms: "long" });
      if (message.type === "sms_received" && message.user === "broken")
        return { type: "message_acknowledged" };
      return defaultReply(message);
    });
    const [broken, fine] = await Promise.allSettled([
      client.sendSmsEvent({ ...SMS, user: "broken" }),
      client.sendSmsEvent({ ...SMS, user: "fine" }),
    ]);
    expect(broken.status === "rejected" && broken.reason).toBeInstanceOf(ProtocolError);
    expect(fine.status === "fulfilled" && fine.value.user).toBe("fine");
    const described = events.map((e) => (e.kind === "invalid" ? `invalid:${e.reason}` : e.kind));
    expect(described).toContain("invalid:not JSON");
    expect(described).toContain("invalid:binary frame (3 bytes)");
    expect(described).toContain("invalid:no string `type` field");
    expect(described.filter((d) => d === "unknown")).toHaveLength(2);
    expect(events.find((e) => e.kind === "invalid" && e.replyType === "message_acknowledged")).toBeDefined();
    expect(events.find((e) => e.kind === "invalid" && e.reason.startsWith("user_speech"))).toBeDefined();
    expect(client.isReady()).toBe(true);
  });
});
