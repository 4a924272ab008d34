import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSteps } from "../../src/diagnostics/checks/webhook.js";
import { runDoctor } from "../../src/diagnostics/runner.js";
import type { DoctorReport } from "../../src/diagnostics/types.js";
import { closedPort } from "../e2e/send-fixtures.js";
import { startWebhookFixture, type WebhookFixture } from "../helpers/webhook-fixture.js";

const AUTH = "doctor-twilio-token-0123456789";
const token = { value: AUTH, source: "TWILIO_AUTH_TOKEN" };

let fixture: WebhookFixture;
beforeAll(async () => {
  fixture = await startWebhookFixture({ authToken: AUTH });
});
afterAll(() => fixture.close());

const statuses = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id);

describe("doctor --webhook", () => {
  it("passes a webhook that takes the signed request and refuses the others", async () => {
    const report = await runDoctor({}, webhookSteps({ url: `${fixture.url}/sms/inbound`, authToken: token }));
    expect(statuses(report)).toEqual({
      webhook_url: "pass",
      dns: "pass",
      tcp: "pass",
      twilio_token: "pass",
      signed_request: "pass",
      unsigned_refused: "pass",
      bad_signature_refused: "pass",
    });
    expect(report.ok).toBe(true);
    expect(check(report, "signed_request")?.detail).toMatch(
      /^200 OK in .* ms, <Message> "Got: xswarm-dev doctor/,
    );
    expect(check(report, "unsigned_refused")?.detail).toBe(
      "403 Forbidden: a request without X-Twilio-Signature is refused",
    );
    expect(JSON.stringify(report)).not.toContain(AUTH);
    expect(fixture.sms.slice(-3).map((s) => s.valid)).toEqual([true, false, false]);
  });

  it("fails a webhook that accepts anything, with the fix", async () => {
    const report = await runDoctor({}, webhookSteps({ url: `${fixture.url}/sms/open`, authToken: token }));
    expect(check(report, "unsigned_refused")).toMatchObject({
      status: "fail",
      detail: "200 OK: the webhook accepts a request without X-Twilio-Signature",
    });
    expect(check(report, "unsigned_refused")?.hint).toContain("twilio.validateRequest");
    expect(check(report, "bad_signature_refused")?.status).toBe("fail");
    expect(report.ok).toBe(false);
  });

  it("fails the signed request under another token, and skips it without one", async () => {
    const wrong = await runDoctor(
      {},
      webhookSteps({
        url: `${fixture.url}/sms/inbound`,
        authToken: { value: "not-the-servers-token", source: "--twilio-auth-token" },
      }),
    );
    expect(check(wrong, "signed_request")).toMatchObject({ status: "fail" });
    expect(check(wrong, "signed_request")?.detail).toMatch(
      /^403 Forbidden in .*: a correctly signed request was refused$/,
    );
    const none = await runDoctor({}, webhookSteps({ url: `${fixture.url}/sms/inbound` }));
    expect(statuses(none)).toMatchObject({
      twilio_token: "warn",
      signed_request: "skip",
      unsigned_refused: "pass",
    });
  });

  it("says nothing listens, and skips what needs the connection", async () => {
    const port = await closedPort();
    const report = await runDoctor(
      {},
      webhookSteps({ url: `http://127.0.0.1:${port}/sms/inbound`, authToken: token }),
    );
    expect(check(report, "tcp")).toMatchObject({ status: "fail" });
    expect(check(report, "tcp")?.hint).toContain("wrangler dev");
    expect(statuses(report)).toMatchObject({ signed_request: "skip", unsigned_refused: "skip" });
    const missing = await runDoctor({}, webhookSteps({ url: `${fixture.url}/nowhere`, authToken: token }));
    expect(check(missing, "signed_request")).toMatchObject({
      status: "fail",
      hint: expect.stringContaining("/sms/inbound"),
    });
    expect(check(missing, "unsigned_refused")?.detail).toBe(
      "404 Not Found: no webhook at this path, so nothing was judged",
    );
    const bad = await runDoctor({}, webhookSteps({ url: "ws://127.0.0.1:9999" }));
    expect(check(bad, "webhook_url")?.detail).toContain("a webhook is http or https");
  });
});
