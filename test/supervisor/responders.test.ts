import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SendEmailResponseEvent, SendSmsResponseEvent } from "../../src/protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../src/protocol/messages.js";
import { silentLogger } from "../../src/supervisor/log.js";
import { createAckResponder } from "../../src/supervisor/responders/ack.js";
import { createEchoResponder, echoEmail, echoSms } from "../../src/supervisor/responders/echo.js";
import { createResponder } from "../../src/supervisor/responders/index.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type {
  LogRecord,
  Responder,
  StartSupervisorOptions,
  SupervisorHandle,
} from "../../src/supervisor/types.js";
import { Peer } from "../helpers/ws-peer.js";

const TOKEN = "responder-token-123";
const sms: SmsReceivedMessage = {
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "Can we   move the\nmeeting to 3pm?",
  user: "alice",
};
const email: EmailReceivedMessage = {
  type: "email_received",
  from: "alice@example.com",
  to: "boss@example.com",
  subject: "Project update",
  body: "Where are we on the launch?\nThanks",
  user: "alice",
};
const signal = () => new AbortController().signal;

let supervisor: SupervisorHandle | undefined;
const peers: Peer[] = [];
async function connect(options: StartSupervisorOptions) {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, ...options });
  const peer = await Peer.authed(supervisor.url, TOKEN);
  peers.push(peer);
  return peer;
}
afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.close();
  await supervisor?.close();
  supervisor = undefined;
});

describe("responders", () => {
  it("ack acknowledges with a Rust-shaped RFC 3339 timestamp", async () => {
    const ack = createAckResponder({ now: () => new Date(Date.UTC(2025, 0, 15, 10, 30, 0, 123)) });
    expect(await ack.respond(email, signal())).toEqual({
      type: "message_acknowledged",
      message_type: "email",
      user: "alice",
      timestamp: "2025-01-15T10:30:00.123000000+00:00",
    });
    expect(ack.respondSync?.(sms)).toMatchObject({ message_type: "sms" });
  });

  it("echo answers back to the sender with a short deterministic text", async () => {
    const echo = createEchoResponder();
    const smsReply = SendSmsResponseEvent.parse(await echo.respond(sms, signal()));
    expect(smsReply).toEqual({
      type: "send_sms_response",
      to: "+15551234567",
      message: 'Echo (xswarm dev supervisor): "Can we move the meeting to 3pm?"',
      user: "alice",
    });
    const emailReply = SendEmailResponseEvent.parse(await echo.respond(email, signal()));
    expect(emailReply).toMatchObject({
      to: "alice@example.com",
      subject: "Re: Project update",
      user: "alice",
    });
    expect(emailReply.body).toContain("You wrote 7 words:\n> Where are we on the launch? Thanks");
    expect(echoEmail({ ...email, subject: "RE: again" }).subject).toBe("RE: again");
    expect(echoSms({ ...sms, message: "x".repeat(500) }).message.length).toBeLessThanOrEqual(160);
    expect(echoSms(sms)).toEqual(echoSms(sms));
  });

  it("resolves names, and passes a responder object through", () => {
    const options = { log: silentLogger, env: {} };
    expect(createResponder("ack", options).name).toBe("ack");
    expect(createResponder("echo", options).name).toBe("echo");
    expect(createResponder("claude", options).name).toBe("claude");
    const own: Responder = { name: "own", respond: async () => ({ type: "pong" }) };
    expect(createResponder(own, options)).toBe(own);
  });

  it("serves echo replies over the wire", async () => {
    const peer = await connect({ responder: "echo" });
    expect(await peer.request(sms)).toMatchObject({ type: "send_sms_response", to: sms.from, user: "alice" });
    expect(await peer.request(email)).toMatchObject({
      type: "send_email_response",
      subject: "Re: Project update",
    });
  });

  it("waits --delay-ms before answering, keeping the order", async () => {
    const peer = await connect({ responder: "echo", delayMs: 40 });
    peer.send(sms);
    peer.send({ type: "ping" });
    peer.send(email);
    expect((await peer.take(3)).map((r) => r.type)).toEqual([
      "send_sms_response",
      "pong",
      "send_email_response",
    ]);
  });

  it("falls back to message_acknowledged when the responder throws, is late, or answers out of protocol", async () => {
    const logs: LogRecord[] = [];
    let aborted: AbortSignal | undefined;
    const flaky: Responder = {
      name: "flaky",
      respond: (message, abortSignal) => {
        if (message.user === "throws") throw new Error("boom");
        if (message.user === "rejects") return Promise.reject(new Error("API down"));
        if (message.user === "wrong")
          return Promise.resolve({
            type: "send_email_response",
            to: "x",
            subject: "s",
            body: "b",
            user: "u",
          });
        aborted = abortSignal;
        return new Promise(() => {});
      },
    };
    const peer = await connect({
      responder: flaky,
      limits: { responderTimeoutMs: 50 },
      onLog: (r) => logs.push(r),
    });
    for (const user of ["throws", "rejects", "wrong", "hangs"]) {
      expect(await peer.request({ ...sms, user })).toMatchObject({
        type: "message_acknowledged",
        message_type: "sms",
        user,
      });
    }
    expect(aborted?.aborted).toBe(true);
    const warnings = logs
      .filter((r) => r.level === "warn")
      .map((r) => [r.msg, r.error ?? r.reply_type ?? r.timeout_ms]);
    expect(warnings).toEqual([
      ["responder failed; answered message_acknowledged", "boom"],
      ["responder failed; answered message_acknowledged", "API down"],
      [
        "responder gave a reply the protocol does not allow; answered message_acknowledged",
        "send_email_response",
      ],
      ["responder too slow; answered message_acknowledged", 50],
    ]);
  });

  it("writes a JSON-lines log without the token", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "log-")), "logs", "supervisor.log");
    const peer = await connect({ logFile: file });
    await peer.request({ type: "auth", token: "wrong-token-456" });
    await peer.request({ type: "auth", token: TOKEN });
    await peer.request(sms);
    // Each sender's answer line is kept as bytes: the same sender again, another, then the first.
    await peer.request(sms);
    await peer.request({ ...sms, from: "+15550001111", user: "bob" });
    await peer.request(email);
    await peer.request(sms);
    await peer.close();
    await supervisor?.close();
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("wrong-token-456");
    const records = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LogRecord);
    for (const r of records) expect(Object.keys(r).slice(0, 3)).toEqual(["time", "level", "msg"]);
    expect(records.map((r) => r.msg)).toEqual(
      expect.arrayContaining([
        "supervisor listening",
        "authentication failed",
        "sms answered",
        "supervisor stopped",
      ]),
    );
    const answers = text.split("\n").filter((l) => l.includes(" answered"));
    // Byte for byte what JSON.stringify writes of the record.
    for (const line of answers) expect(JSON.stringify(JSON.parse(line))).toBe(line);
    expect(answers.map((l) => JSON.parse(l) as LogRecord).map(({ time: _, ...r }) => r)).toEqual(
      [sms, sms, { ...sms, from: "+15550001111", user: "bob" }, email, sms].map((m) => ({
        level: "info",
        msg: m.type === "sms_received" ? "sms answered" : "email answered",
        connection: expect.any(String),
        user: m.user,
        from: m.from,
        reply: "message_acknowledged",
        ms: 0,
      })),
    );
  });
});
