import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ServerEvent } from "../../src/protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../src/protocol/messages.js";
import { createLogger } from "../../src/supervisor/log.js";
import {
  type ClaudeResponderOptions,
  createClaudeResponder,
  DEFAULT_CLAUDE_MODEL,
} from "../../src/supervisor/responders/claude.js";
import { SMS_MAX_CHARS, SMS_MAX_TOKENS } from "../../src/supervisor/responders/claude-prompt.js";
import { createResponder } from "../../src/supervisor/responders/index.js";
import type { LogRecord } from "../../src/supervisor/types.js";
import { type FakeAnthropic, startFakeAnthropic } from "../helpers/fake-anthropic.js";

const KEY = "sk-ant-test-0123456789abcdef";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const sms: SmsReceivedMessage = {
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "What's on my calendar tomorrow?",
  user: "alice",
};
const email: EmailReceivedMessage = {
  type: "email_received",
  from: "alice@example.com",
  to: "xswarm@example.com",
  subject: "Project update",
  body: "Can you summarise where we are?",
  user: "alice",
};

let fake: FakeAnthropic;
let logs: LogRecord[];

beforeEach(async () => {
  fake = await startFakeAnthropic();
  logs = [];
});
afterEach(async () => {
  await fake.close();
});

function responder(options: ClaudeResponderOptions = {}) {
  return createClaudeResponder({
    apiKey: KEY,
    baseURL: fake.baseURL,
    env: {},
    log: (r) => logs.push(r),
    ...options,
  });
}

const signal = () => new AbortController().signal;

function expectAck(event: ServerEvent, messageType: "sms" | "email") {
  expect(event).toMatchObject({ type: "message_acknowledged", message_type: messageType, user: "alice" });
  expect((event as { timestamp: string }).timestamp).toMatch(RFC3339);
  expect(ServerEvent.safeParse(event).success).toBe(true);
}

function lastReason(): string {
  const record = logs.at(-1);
  expect(record?.level).toBe("warn");
  return String(record?.reason);
}

describe("claude responder: answers", () => {
  it("sends the Messages API request and answers an SMS with send_sms_response", async () => {
    fake.behaviour = { kind: "text", text: "You have a dentist appointment at 9." };
    const event = await responder({ model: "claude-test-model" }).respond(sms, signal());

    expect(event).toEqual({
      type: "send_sms_response",
      to: sms.from,
      message: "You have a dentist appointment at 9.",
      user: "alice",
    });
    expect(ServerEvent.safeParse(event).success).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v1/messages");
    const auth = `${request?.headers["x-api-key"] ?? ""} ${request?.headers.authorization ?? ""}`;
    expect(auth).toContain(KEY);
    expect(request?.body).toMatchObject({ model: "claude-test-model", max_tokens: SMS_MAX_TOKENS });
    expect(String(request?.body.system)).toMatch(/SMS.*300 characters/);
    expect(request?.body.messages).toEqual([{ role: "user", content: expect.stringContaining(sms.message) }]);
    expect(logs.at(-1)).toMatchObject({ level: "info", msg: "claude answered", model: "claude-test-model" });
  });

  it("cuts a long SMS answer to a safe length", async () => {
    fake.behaviour = { kind: "text", text: "word ".repeat(200) };
    const event = await responder().respond(sms, signal());
    expect(event.type).toBe("send_sms_response");
    const text = (event as { message: string }).message;
    expect(Array.from(text).length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(text.endsWith("…")).toBe(true);
  });

  it("answers an email with send_email_response and a Re: subject", async () => {
    fake.behaviour = { kind: "text", text: "Hi Alice,\n\nWe are on track.\n\nxswarm" };
    const event = await responder().respond(email, signal());
    expect(event).toEqual({
      type: "send_email_response",
      to: email.from,
      subject: "Re: Project update",
      body: "Hi Alice,\n\nWe are on track.\n\nxswarm",
      user: "alice",
    });
    const body = fake.requests[0]?.body;
    expect(body?.model).toBe(DEFAULT_CLAUDE_MODEL);
    expect(String(body?.system)).toMatch(/email/);
    expect(JSON.stringify(body?.messages)).toContain("Subject: Project update");
  });

  it("keeps a subject that already starts with Re:", async () => {
    const event = await responder().respond({ ...email, subject: "RE: Project update" }, signal());
    expect(event).toMatchObject({ type: "send_email_response", subject: "RE: Project update" });
  });

  it("reads the key, base URL and model from the environment", async () => {
    const r = createClaudeResponder({
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_MODEL: "claude-env-model" },
    });
    const event = await r.respond(sms, signal());
    expect(event.type).toBe("send_sms_response");
    expect(fake.requests[0]?.body.model).toBe("claude-env-model");
  });
});

describe("claude responder: falls back to message_acknowledged", () => {
  it("when there is no key, without calling the API", async () => {
    const event = await responder({ apiKey: undefined }).respond(sms, signal());
    expectAck(event, "sms");
    expect(fake.requests).toHaveLength(0);
    expect(lastReason()).toMatch(/ANTHROPIC_API_KEY is not set/);
  });

  it("on HTTP 500, without retrying", async () => {
    fake.behaviour = { kind: "status", status: 500 };
    const event = await responder().respond(email, signal());
    expectAck(event, "email");
    expect(fake.requests).toHaveLength(1);
    expect(lastReason()).toMatch(/HTTP 500/);
  });

  it("on a malformed body", async () => {
    fake.behaviour = { kind: "malformed" };
    expectAck(await responder().respond(sms, signal()), "sms");
    expect(lastReason()).not.toBe("");
  });

  it("on an answer without text", async () => {
    fake.behaviour = { kind: "no-text" };
    expectAck(await responder().respond(sms, signal()), "sms");
    expect(lastReason()).toMatch(/no text/);
  });

  it("when the API never answers (timeout)", async () => {
    fake.behaviour = { kind: "hang" };
    const event = await responder({ timeoutMs: 150 }).respond(sms, signal());
    expectAck(event, "sms");
    expect(lastReason()).toMatch(/no answer within 150 ms/);
  });

  it("when the caller's signal aborts", async () => {
    fake.behaviour = { kind: "hang" };
    const controller = new AbortController();
    const pending = responder({ timeoutMs: 60_000 }).respond(email, controller.signal);
    await fake.waitForRequests(1);
    controller.abort();
    expectAck(await pending, "email");
    expect(lastReason()).toMatch(/cancelled/);
  });

  it("when the API cannot be reached", async () => {
    const port = await closedPort();
    const event = await responder({ baseURL: `http://127.0.0.1:${port}` }).respond(sms, signal());
    expectAck(event, "sms");
    expect(lastReason()).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: Connection refused/);
  });
});

describe("claude responder: as the supervisor makes it", () => {
  it("takes the anthropic settings and writes to the supervisor's logger", async () => {
    fake.behaviour = { kind: "status", status: 503 };
    const r = createResponder("claude", {
      anthropic: { apiKey: KEY, baseURL: fake.baseURL, model: "claude-from-flags" },
      log: createLogger({ onLog: (record) => logs.push(record) }),
      env: {},
    });
    expect(r.name).toBe("claude");
    const event = await r.respond(sms, signal());
    expectAck(event, "sms");
    expect(fake.requests[0]?.body.model).toBe("claude-from-flags");
    expect(logs.at(-1)).toMatchObject({
      level: "warn",
      responder: "claude",
      reason: expect.stringMatching(/HTTP 503/),
    });
  });
});

describe("claude responder: clock", () => {
  it("stamps the fallback with the injected clock, in RFC 3339", async () => {
    const r = responder({ apiKey: undefined, now: () => new Date("2025-01-15T10:30:00.123Z") });
    expect(await r.respond(email, signal())).toEqual({
      type: "message_acknowledged",
      message_type: "email",
      user: "alice",
      timestamp: "2025-01-15T10:30:00.123000000+00:00",
    });
  });
});

describe("claude responder: logs", () => {
  it("never contain the key, even when the API echoes it", async () => {
    // A generous deadline for the answers (a loaded machine), a short one only for the hang.
    const r = responder({ timeoutMs: 10_000 });
    fake.behaviour = { kind: "status", status: 401, message: `invalid x-api-key: ${KEY}` };
    await r.respond(sms, signal());
    expect(lastReason()).toContain("HTTP 401");
    for (const behaviour of [
      { kind: "text", text: "hi" },
      { kind: "malformed" },
      { kind: "status", status: 500 },
    ] as const) {
      fake.behaviour = behaviour;
      await r.respond(email, signal());
    }
    fake.behaviour = { kind: "hang" };
    await responder({ timeoutMs: 150 }).respond(email, signal());
    expect(logs).toHaveLength(5);
    expect(JSON.stringify(logs)).not.toContain(KEY);
    expect(JSON.stringify(logs)).not.toContain(KEY.slice(4, -3));
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
