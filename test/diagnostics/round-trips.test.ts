import { describe, expect, it } from "vitest";
import { judge } from "../../src/diagnostics/checks/round-trips.js";
import {
  checkAuth,
  checkAuthEnforcement,
  checkEmailRoundTrip,
  checkHandshake,
  checkSmsRoundTrip,
  DOCTOR_USER,
} from "../../src/diagnostics/index.js";
import type { DoctorContext } from "../../src/diagnostics/types.js";
import { parseEvent } from "../../src/protocol/index.js";
import { doctorFixtures, startInsecureServer, startRawWsServer } from "../helpers/doctor.js";
import { defaultReply } from "../helpers/protocol-server.js";

const { closables, context, protocolServer } = doctorFixtures();

async function authenticated(url: string, overrides: Partial<DoctorContext> = {}): Promise<DoctorContext> {
  const ctx = context(url, overrides);
  expect((await checkHandshake(ctx)).status).toBe("pass");
  expect((await checkAuth(ctx)).status).toBe("pass");
  return ctx;
}

describe("checkAuthEnforcement", () => {
  it("passes when a second, unauthenticated connection is refused with Not authenticated", async () => {
    const server = await protocolServer();
    const outcome = await checkAuthEnforcement(context(server.url));
    expect(outcome).toEqual({
      status: "pass",
      detail: "an unauthenticated sms_received was refused: Not authenticated",
    });
    const connection = await server.waitForConnection(1);
    expect(connection.receivedMessages).toEqual([
      expect.objectContaining({ type: "sms_received", user: DOCTOR_USER }),
    ]);
    await connection.closed;
  });

  it("is a security failure when the supervisor accepts an SMS without auth", async () => {
    const server = await startInsecureServer();
    closables.push(server);
    const outcome = await checkAuthEnforcement(context(server.url));
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe(
      "SECURITY: the supervisor accepted sms_received without auth (it answered `message_acknowledged`)",
    );
    expect(outcome.hint).toMatch(/Anyone who can reach this port can inject events/);
  });

  it("warns when the refusal has other wording, or never comes", async () => {
    const wording = await startRawWsServer(() => ({ type: "error", message: "auth first please" }));
    closables.push(wording);
    expect(await checkAuthEnforcement(context(wording.url))).toMatchObject({
      status: "warn",
      detail:
        "an unauthenticated sms_received was refused, but with `auth first please` instead of `Not authenticated`",
    });
    const silent = await startRawWsServer(() => null);
    closables.push(silent);
    expect(await checkAuthEnforcement(context(silent.url, { protocolTimeoutMs: 30 }))).toMatchObject({
      status: "warn",
      detail: "an unauthenticated sms_received got no refusal (no reply within 30 ms)",
    });
  });
});

describe("SMS and email round trips", () => {
  it("pass with message_acknowledged, naming the test user", async () => {
    const server = await protocolServer();
    const ctx = await authenticated(server.url);
    const sms = await checkSmsRoundTrip(ctx);
    expect(sms.status).toBe("pass");
    expect(sms.detail).toMatch(/^message_acknowledged \(sms, user xswarm-dev-doctor, \S+\) in [\d.]+ ms$/);
    const email = await checkEmailRoundTrip(ctx);
    expect(email.detail).toMatch(/^message_acknowledged \(email, user xswarm-dev-doctor, /);
    const connection = await server.waitForConnection(1);
    expect(connection.receivedMessages.slice(1)).toEqual([
      expect.objectContaining({ type: "sms_received", user: DOCTOR_USER }),
      expect.objectContaining({
        type: "email_received",
        user: DOCTOR_USER,
        subject: expect.stringMatching(/doctor/),
      }),
    ]);
  });

  it("pass with AI replies and show them", async () => {
    const server = await protocolServer({
      respond: (message) =>
        message.type === "sms_received"
          ? { type: "send_sms_response", to: message.from, message: "On my way!", user: message.user }
          : message.type === "email_received"
            ? {
                type: "send_email_response",
                to: message.from,
                subject: `Re: ${message.subject}`,
                body: "Fine.",
                user: message.user,
              }
            : defaultReply(message),
    });
    const ctx = await authenticated(server.url);
    expect((await checkSmsRoundTrip(ctx)).detail).toMatch(
      /^send_sms_response to \+15555550100: "On my way!" in /,
    );
    expect((await checkEmailRoundTrip(ctx)).detail).toMatch(
      /^send_email_response to xswarm-dev-doctor@example.com, subject "Re: \[xswarm-dev doctor\] test email, please ignore" in /,
    );
  });

  it("set a reminder broadcast for another user aside: it is not the reply", async () => {
    const server = await protocolServer({
      respond: (message, connection) => {
        connection.send({
          type: "send_sms_response",
          to: "+15550001111",
          message: "Reminder: dentist",
          user: "alice",
        });
        connection.send({
          type: "send_email_response",
          to: "a@x",
          subject: "Reminder: dentist",
          body: "b",
          user: "alice",
        });
        return defaultReply(message);
      },
    });
    const ctx = await authenticated(server.url);
    expect((await checkSmsRoundTrip(ctx)).detail).toMatch(
      /^message_acknowledged \(sms, user xswarm-dev-doctor/,
    );
    expect((await checkEmailRoundTrip(ctx)).detail).toMatch(
      /^message_acknowledged \(email, user xswarm-dev-doctor/,
    );
  });

  it("name a reminder that came instead of a reply", async () => {
    const server = await protocolServer({
      respond: (_message, connection) => {
        connection.send({
          type: "send_sms_response",
          to: "+15550001111",
          message: "Reminder: dentist",
          user: "alice",
        });
        return null;
      },
    });
    const ctx = await authenticated(server.url, { eventTimeoutMs: 60 });
    expect((await checkSmsRoundTrip(ctx)).detail).toBe(
      "expected `a reply`, but no reply within 60 ms; received only a `send_sms_response` reminder broadcast for alice",
    );
  });

  it("fail on an error reply with the supervisor's message", async () => {
    const server = await protocolServer({
      respond: () => ({ type: "error", message: "Claude is unavailable" }),
    });
    const ctx = await authenticated(server.url);
    const outcome = await checkSmsRoundTrip(ctx);
    expect(outcome).toMatchObject({ status: "fail", detail: "Supervisor error: Claude is unavailable" });
    expect(outcome.hint).toMatch(/logs/);
  });

  it("fail when no reply comes within the event timeout, with the logs hint", async () => {
    const server = await protocolServer({ respond: () => null });
    const ctx = await authenticated(server.url, { eventTimeoutMs: 40 });
    const outcome = await checkEmailRoundTrip(ctx);
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe("expected `a reply`, but no reply within 40 ms");
    expect(outcome.hint).toMatch(/raise --timeout/);
  });
});

describe("judge", () => {
  const reply = (frame: object) => parseEvent(JSON.stringify(frame));
  const ts = "2025-01-15T10:30:00Z";

  it("refuses an acknowledgement of the wrong kind", () => {
    expect(
      judge(reply({ type: "message_acknowledged", message_type: "email", user: "u", timestamp: ts }), "sms"),
    ).toMatchObject({
      ok: false,
      detail: "acknowledged as `email`, not `sms`",
    });
  });

  it("refuses a reply that does not fit the schema, naming the field", () => {
    const judged = judge(reply({ type: "message_acknowledged", message_type: "sms", timestamp: ts }), "sms");
    expect(judged.ok).toBe(false);
    expect(judged.detail).toMatch(
      /^the reply is a `message_acknowledged` that does not fit the protocol \(message_acknowledged: user: /,
    );
  });

  it("refuses the other kind's AI reply and other reply types", () => {
    expect(judge(reply({ type: "send_sms_response", to: "x", message: "m", user: "u" }), "email").ok).toBe(
      false,
    );
    expect(judge(reply({ type: "pong" }), "sms")).toMatchObject({
      ok: false,
      detail: "expected a reply to sms_received, got `pong`",
    });
  });
});
