import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/client/errors.js";
import { TwimlError, WebhookConnectionError, WebhookStatusError } from "../../src/webhook/errors.js";
import { emailFailure, smsFailure } from "../../src/webhook/exchange.js";
import { sendEmailWebhook, sendSmsWebhook } from "../../src/webhook/send-webhook.js";
import { closedPort } from "../e2e/send-fixtures.js";
import { startWebhookFixture, type WebhookFixture } from "../helpers/webhook-fixture.js";

const AUTH = "twilio-auth-token-0123456789abcdef";
const SMS = { from: "+15551234567", to: "+15557654321", message: "Hello & <boss>", user: "alice" };

let fixture: WebhookFixture;
beforeAll(async () => {
  fixture = await startWebhookFixture({ authToken: AUTH });
});
afterAll(() => fixture.close());

describe("sendSmsWebhook against a server that judges with twilio.validateRequest", () => {
  it("a signed SMS is accepted and its TwiML message read", async () => {
    const exchange = await sendSmsWebhook({
      url: `${fixture.url}/sms/inbound`,
      input: SMS,
      segments: 1,
      authToken: AUTH,
    });
    expect(fixture.sms.at(-1)).toMatchObject({
      valid: true,
      contentType: "application/x-www-form-urlencoded;charset=UTF-8",
    });
    expect(fixture.sms.at(-1)?.params).toEqual(exchange.request.fields);
    expect(exchange.response.status).toBe(200);
    expect(exchange.twiml?.verbs).toEqual([{ verb: "Message", text: "Got: Hello & <boss>", attributes: {} }]);
    expect(smsFailure(exchange)).toBeUndefined();
    expect(JSON.stringify(exchange)).not.toContain(AUTH);
  });

  it("a query string and a /sms/:userId path are part of what is signed", async () => {
    await sendSmsWebhook({ url: `${fixture.url}/sms/bob?x=1&y=2`, input: SMS, segments: 1, authToken: AUTH });
    expect(fixture.sms.at(-1)).toMatchObject({ path: "/sms/bob", valid: true });
  });

  it("a wrong token or no signature gets the 403, as a WebhookStatusError with a hint", async () => {
    const wrong = await sendSmsWebhook({
      url: `${fixture.url}/sms/inbound`,
      input: SMS,
      segments: 1,
      authToken: `${AUTH}x`,
    });
    expect(wrong.response.status).toBe(403);
    const error = smsFailure(wrong);
    expect(error).toBeInstanceOf(WebhookStatusError);
    expect(error?.message).toBe("The webhook answered 403 Forbidden");
    expect(error?.hint).toContain("auth token must be the same");
    const unsigned = await sendSmsWebhook({ url: `${fixture.url}/sms/inbound`, input: SMS, segments: 1 });
    expect(unsigned.request.signed).toBe(false);
    expect(fixture.sms.at(-1)?.signature).toBeUndefined();
    expect(smsFailure(unsigned)?.hint).toContain("--twilio-auth-token");
  });

  it("a 200 with TwiML Twilio would reject is a TwimlError", async () => {
    const exchange = await sendSmsWebhook({
      url: `${fixture.url}/sms/bad-twiml`,
      input: SMS,
      segments: 1,
      authToken: AUTH,
    });
    expect(smsFailure(exchange)).toBeInstanceOf(TwimlError);
  });

  it("times out as a TimeoutError (exit 5) and refuses as a ConnectionError (exit 3)", async () => {
    const hang = sendSmsWebhook({ url: `${fixture.url}/sms/hang`, input: SMS, segments: 1, timeoutMs: 200 });
    await expect(hang).rejects.toBeInstanceOf(TimeoutError);
    await expect(hang).rejects.toThrow(/Timed out after 200 ms waiting for the webhook/);
    const port = await closedPort();
    const refused = sendSmsWebhook({ url: `http://127.0.0.1:${port}/sms/inbound`, input: SMS, segments: 1 });
    await expect(refused).rejects.toBeInstanceOf(WebhookConnectionError);
    await expect(refused).rejects.toMatchObject({ code: "connection_refused" });
  });
});

describe("sendEmailWebhook against a server that parses with busboy", () => {
  const email = {
    from: "bob@example.com",
    to: "boss@example.org",
    subject: "Report ✓",
    body: "See attached.",
    user: "bob",
  };

  it("the fields, envelope and attachment arrive as SendGrid's would", async () => {
    const content = new Uint8Array(Buffer.from("%PDF-1.4 fake"));
    const exchange = await sendEmailWebhook({
      url: `${fixture.url}/email/inbound`,
      input: email,
      cc: ["carol@example.com"],
      attachments: [{ filename: "report.pdf", content }],
    });
    expect(emailFailure(exchange)).toBeUndefined();
    const got = fixture.emails.at(-1);
    expect(got?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(got?.fields).toEqual(exchange.request.fields);
    expect(got?.fields).toMatchObject({
      from: "Bob <bob@example.com>",
      to: "boss@example.org",
      cc: "carol@example.com",
      subject: "Report ✓",
      text: "See attached.",
      attachments: "1",
    });
    expect(JSON.parse(got?.fields.envelope ?? "")).toEqual({
      to: ["boss@example.org", "carol@example.com"],
      from: "bob@example.com",
    });
    expect(got?.files).toEqual([
      {
        field: "attachment1",
        filename: "report.pdf",
        mimeType: "application/pdf",
        content: Buffer.from("%PDF-1.4 fake"),
      },
    ]);
  });

  it("anything but a 2xx is an error whose hint says Parse retries", async () => {
    const exchange = await sendEmailWebhook({ url: `${fixture.url}/email/fail`, input: email });
    expect(emailFailure(exchange)?.message).toBe("The webhook answered 500 Internal Server Error");
    expect(emailFailure(exchange)?.hint).toContain("retries");
  });
});
