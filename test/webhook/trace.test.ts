import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import { startTap, type TapHandle } from "../../src/supervisor/tap.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { describeAnswer } from "../../src/webhook/report.js";
import { sendSmsWebhook } from "../../src/webhook/send-webhook.js";
import { traced } from "../../src/webhook/trace.js";
import { startTinyUpstream, type TinyUpstream, UPSTREAM_TOKEN } from "../helpers/tap-fixtures.js";
import { startWebhookFixture, type WebhookFixture } from "../helpers/webhook-fixture.js";

const AUTH = "trace-twilio-token-0123456789";
const SMS = { from: "+15551234567", to: "+15557654321", message: "Via the tap", user: "alice" };

let supervisor: SupervisorHandle;
let tap: TapHandle;
let fixture: WebhookFixture;
let rust: TinyUpstream;

beforeAll(async () => {
  supervisor = await startSupervisor({ port: 0, token: UPSTREAM_TOKEN, responder: "echo", logFile: null });
  [tap, rust] = await Promise.all([startTap({ port: 0, upstream: supervisor.url }), startTinyUpstream()]);
  fixture = await startWebhookFixture({
    authToken: AUTH,
    supervisor: { url: tap.url, token: UPSTREAM_TOKEN },
  });
});
afterAll(async () => {
  await fixture.close();
  await Promise.all([tap.close(), rust.close()]);
  await supervisor.close();
});

const send = () =>
  sendSmsWebhook({ url: `${fixture.url}/sms/inbound`, input: SMS, segments: 1, authToken: AUTH });

describe("traced: one webhook request across both hops", () => {
  it("behind a tap: the POST, the sms_received, the reply and the TwiML, with their times", async () => {
    const { exchange, trace } = await traced(
      { url: tap.url, token: UPSTREAM_TOKEN, timeoutMs: 5000 },
      send,
      describeAnswer,
    );
    expect(exchange.response.status).toBe(200);
    expect(trace.source).toBe("tap feed");
    if (trace.source === null) throw new Error("no feed");
    expect(trace.matched).toBe(true);
    expect(trace.hops.map((h) => [h.name, h.label])).toEqual([
      ["webhook_request", "POST /sms/inbound"],
      ["supervisor_event", expect.stringMatching(/^sms_received \(c\d+\)$/)],
      ["supervisor_reply", "send_sms_response"],
      ["webhook_answer", '200 <Message> "Echo (xswarm dev supervisor): \\"Via the tap\\""'],
    ]);
    const times = trace.hops.map((h) => h.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(trace.hops.reduce((sum, h) => sum + h.ms, 0)).toBeCloseTo(trace.total_ms, 0);
  });

  it("a supervisor without a traffic feed (as the Rust one) gives the reason, and the request still goes", async () => {
    const { exchange, trace } = await traced(
      { url: rust.url, token: UPSTREAM_TOKEN, timeoutMs: 5000 },
      send,
      describeAnswer,
    );
    expect(exchange.response.status).toBe(200);
    expect(trace).toMatchObject({ source: null, hops: [] });
    if (trace.source !== null) throw new Error("a feed");
    expect(trace.note).toContain("has no traffic feed");
    expect(trace.note).toContain("xswarm-dev tap");
  });
});
