import { afterEach, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { LogRecord } from "../../src/supervisor/types.js";
import { type FakeAnthropic, startFakeAnthropic } from "../helpers/fake-anthropic.js";
import { connectClient, type TestClient } from "../helpers/tap-fixtures.js";

const TOKEN = "claude-supervisor-token-1";
const KEY = "sk-ant-supervisor-test-abcdef123456";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  timeoutMs?: number,
): Promise<{ fake: FakeAnthropic; client: TestClient; logs: LogRecord[] }> {
  const fake = await startFakeAnthropic();
  cleanups.push(() => fake.close());
  const logs: LogRecord[] = [];
  const sup = await startSupervisor({
    port: 0,
    token: TOKEN,
    logFile: null,
    responder: "claude",
    anthropic: { apiKey: KEY, baseURL: fake.baseURL, model: "claude-test", timeoutMs },
    onLog: (r) => logs.push(r),
  });
  cleanups.push(() => sup.close());
  const client = await connectClient(sup.url);
  cleanups.push(() => client.ws.close());
  client.sendJson({ type: "auth", token: TOKEN });
  expect((await client.next()).json).toMatchObject({ type: "auth_result", success: true });
  return { fake, client, logs };
}

const sms = { type: "sms_received", from: "+15551234567", to: "+15559876543", message: "Hi", user: "alice" };

describe("supervisor --responder claude", () => {
  it("answers an SMS with the model's text", async () => {
    const { fake, client } = await setup();
    fake.behaviour = { kind: "text", text: "Hello Alice!" };
    client.sendJson(sms);
    expect((await client.next()).json).toEqual({
      type: "send_sms_response",
      to: sms.from,
      message: "Hello Alice!",
      user: "alice",
    });
    expect(fake.requests[0]?.body.model).toBe("claude-test");
  });

  it("answers message_acknowledged when the API hangs, and keeps later replies in order", async () => {
    const { fake, client, logs } = await setup(200);
    fake.behaviour = { kind: "hang" };
    client.sendJson(sms);
    client.sendJson({ type: "ping" });
    expect((await client.next()).json).toMatchObject({ type: "message_acknowledged", message_type: "sms" });
    expect((await client.next()).json).toEqual({ type: "pong" });
    expect(logs.some((r) => String(r.reason).includes("no answer within 200 ms"))).toBe(true);
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });
});
