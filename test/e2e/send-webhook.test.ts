import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { startWebhookFixture, type WebhookFixture } from "../helpers/webhook-fixture.js";
import { closedPort, type RecordingSupervisor, recordingSupervisor, TOKEN, to } from "./send-fixtures.js";

const AUTH = "twilio-e2e-auth-token-abcdef0123";
const NUMBERS = ["--from", "+1 555 123 4567", "--to", "+15557654321"];

let plain: WebhookFixture;
let echo: RecordingSupervisor;
let linked: WebhookFixture;

beforeAll(async () => {
  echo = await recordingSupervisor({ responder: "echo" });
  [plain, linked] = await Promise.all([
    startWebhookFixture({ authToken: AUTH }),
    startWebhookFixture({ authToken: AUTH, supervisor: { url: echo.url, token: TOKEN } }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain.close(), linked.close()]);
  await echo.handle.close();
});

describe("send-sms --webhook", () => {
  it("a signed SMS gets its TwiML message shown and exit 0; the token shows masked only", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "Hello boss",
      ...NUMBERS,
      "--webhook",
      `${plain.url}/sms/inbound`,
      "--twilio-auth-token",
      AUTH,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      `→ POST ${plain.url}/sms/inbound  Twilio inbound SMS  +15551234567 → +15557654321`,
    );
    expect(stdout).toContain("message: 10 characters · 1 SMS segment (GSM-7, 10 of 160 units)");
    expect(stdout).toContain(
      "signed with X-Twilio-Signature (Twilio auth token twil…123 from --twilio-auth-token)",
    );
    expect(stdout).toMatch(/✔ 200 OK in \d+(\.\d)? ms {2}\(application\/xml\)/);
    expect(stdout).toContain('<Message> "Got: Hello boss"');
    expect(stdout).not.toContain(AUTH);
    expect(plain.sms.at(-1)).toMatchObject({
      valid: true,
      params: { Body: "Hello boss", From: "+15551234567" },
    });
  });

  it("a wrong token gets the 403 shown and exit 1, with the hint", async () => {
    const { code, stdout, stderr } = await runCli(
      ["send-sms", "Hi", ...NUMBERS, "--webhook", `${plain.url}/sms/inbound`],
      { env: { TWILIO_AUTH_TOKEN: "the-wrong-token-0000" } },
    );
    expect(code).toBe(1);
    expect(stdout).toContain("from TWILIO_AUTH_TOKEN");
    expect(stdout).toContain("✖ 403 Forbidden in");
    expect(stdout).toContain("│ Twilio signature validation failed");
    expect(stderr).toContain("✖ The webhook answered 403 Forbidden");
    expect(stderr).toContain("auth token must be the same here and on the server");
    expect(plain.sms.at(-1)?.valid).toBe(false);
  });

  it("unsigned without a token, with a note; --json gives request, response with twiml, latency, never the token", async () => {
    const unsigned = await runCli(["send-sms", "Hi", ...NUMBERS, "--webhook", `${plain.url}/sms/open`]);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toContain("unsigned: no Twilio auth token");
    const cwd = tempDir();
    writeFileSync(join(cwd, ".env.local"), `TWILIO_AUTH_TOKEN=${AUTH}\n`);
    const { code, stdout, stderr } = await runCli(
      [
        "send-sms",
        "Hi",
        ...NUMBERS,
        "--webhook",
        `${plain.url}/sms/inbound`,
        "--json",
        "-d",
        "FromCity=Berlin",
        "--data",
        "MediaUrl0=https://example.com/a.png?x=1",
        "--include",
      ],
      { cwd },
    );
    expect(code).toBe(0);
    expect(stderr).toContain("from .env.local:1");
    expect(stderr).toContain("content-type: application/xml");
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(["request", "response", "latency_ms"]);
    expect(doc.request).toMatchObject({
      method: "POST",
      signed: true,
      fields: { FromCity: "Berlin", Body: "Hi" },
    });
    expect(doc.request.fields.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(doc.response).toMatchObject({ status: 200, headers: { "content-type": "application/xml" } });
    expect(doc.response.twiml).toEqual({
      ok: true,
      errors: [],
      verbs: [{ verb: "Message", text: "Got: Hi", attributes: {} }],
    });
    expect(typeof doc.latency_ms).toBe("number");
    expect(stdout + stderr).not.toContain(AUTH);
    expect(plain.sms.at(-1)?.params).toMatchObject({
      FromCity: "Berlin",
      MediaUrl0: "https://example.com/a.png?x=1",
    });
  });

  it("exit 3 when nothing listens, 5 after --timeout, 2 for a webhook-only flag without --webhook", async () => {
    const port = await closedPort();
    const [refused, hang, usage, badData, badUrl] = await Promise.all([
      runCli(["send-sms", "Hi", ...NUMBERS, "--webhook", `http://127.0.0.1:${port}/sms/inbound`]),
      runCli(["send-sms", "Hi", ...NUMBERS, "--webhook", `${plain.url}/sms/hang`, "--timeout", "300"]),
      runCli(["send-sms", "Hi", ...NUMBERS, "--include"]),
      runCli(["send-sms", "Hi", ...NUMBERS, "--webhook", `${plain.url}/sms/inbound`, "-d", "Body"]),
      runCli(["send-sms", "Hi", ...NUMBERS, "--webhook", "ws://127.0.0.1:9999"]),
    ]);
    expect(badData.code).toBe(2);
    expect(badData.stderr).toContain("--data must be Key=Value");
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain("--webhook must be an http:// or https:// URL");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`Connection refused: nothing listens at 127.0.0.1:${port}`);
    expect(refused.stderr).toContain("wrangler dev");
    expect(hang.code).toBe(5);
    expect(hang.stderr).toContain("Timed out after 300 ms waiting for the webhook");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--include needs --webhook <url>");
  });

  it("load mode over the webhook: every request signed, each with its own MessageSid", async () => {
    const before = plain.sms.length;
    const { code, stdout } = await runCli([
      "send-sms",
      "Load",
      ...NUMBERS,
      "--webhook",
      `${plain.url}/sms/inbound`,
      "--twilio-auth-token",
      AUTH,
      "--count",
      "6",
      "--concurrency",
      "3",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("✔ 6/6 ok, 0 failed");
    const got = plain.sms.slice(before);
    expect(got.every((s) => s.valid)).toBe(true);
    expect(new Set(got.map((s) => s.params.MessageSid)).size).toBe(6);
  });
});

describe("send-sms --webhook --trace", () => {
  it("shows the webhook POST, the sms_received, the supervisor's reply and the TwiML as one line with times", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "Trace me",
      ...NUMBERS,
      "--webhook",
      `${linked.url}/sms/alice`,
      "--twilio-auth-token",
      AUTH,
      "--trace",
      ...to(echo),
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // The echo responder's reply, carried back by the server as TwiML.
    const twiml = '<Message> "Echo (xswarm dev supervisor): \\"Trace me\\""';
    expect(stdout).toContain(`  ${twiml}\n`);
    const line = stdout.split("\n").find((l) => l.startsWith("trace "));
    const hops =
      /^trace \(supervisor feed\) POST \/sms\/alice ─([\d.]+) ms→ sms_received \(c\d+\) ─([\d.]+) ms→ send_sms_response ─([\d.]+) ms→ 200 (.*) {2}\(total ([\d.]+) ms\)$/.exec(
        line ?? "",
      );
    expect(hops, line).not.toBeNull();
    const [webhookMs, supervisorMs, answerMs, total] = [hops?.[1], hops?.[2], hops?.[3], hops?.[5]].map(
      Number,
    );
    expect(hops?.[4]).toBe(twiml);
    expect(Math.abs((webhookMs ?? 0) + (supervisorMs ?? 0) + (answerMs ?? 0) - (total ?? 0))).toBeLessThan(1);
    expect(echo.ofType("sms_received").at(-1)).toMatchObject({ message: "Trace me", user: "alice" });
  });

  it("says so when no sms_received matched", async () => {
    const { code, stdout } = await runCli([
      "send-sms",
      "Not forwarded",
      ...NUMBERS,
      "--webhook",
      `${plain.url}/sms/inbound`,
      "--twilio-auth-token",
      AUTH,
      "--trace",
      ...to(echo),
      "--json",
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.trace).toMatchObject({ source: "supervisor feed", matched: false });
    expect(doc.trace.note).toContain("no sms_received from +15551234567 to +15557654321");
  });
});

describe("send-email --webhook", () => {
  it("the fields, envelope and attachment arrive as SendGrid's would (busboy)", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "notes.txt"), "line one\n");
    writeFileSync(join(cwd, "mail.html"), "<p>Hi <b>boss</b></p>");
    const { code, stdout, stderr } = await runCli(
      [
        "send-email",
        "--from",
        "bob.smith@example.com",
        "--to",
        "boss@example.org",
        "--cc",
        "carol@example.com",
        "--cc",
        "dave@example.com",
        "--subject",
        "Status",
        "--body",
        "All green",
        "--html-file",
        "mail.html",
        "--attach",
        "notes.txt",
        "--attach",
        "mail.html",
        "--webhook",
        `${plain.url}/email/inbound`,
      ],
      { cwd },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "SendGrid Inbound Parse  bob.smith@example.com → boss@example.org cc carol@example.com, dave@example.com",
    );
    expect(stdout).toContain("attachments: notes.txt, 9 bytes; mail.html, 21 bytes");
    expect(stdout).toMatch(/✔ 200 OK in/);
    const got = plain.emails.at(-1);
    expect(got?.fields).toMatchObject({
      from: "Bob Smith <bob.smith@example.com>",
      to: "boss@example.org",
      cc: "carol@example.com, dave@example.com",
      subject: "Status",
      text: "All green",
      html: "<p>Hi <b>boss</b></p>",
      SPF: "pass",
      attachments: "2",
    });
    expect(JSON.parse(got?.fields.envelope ?? "")).toEqual({
      to: ["boss@example.org", "carol@example.com", "dave@example.com"],
      from: "bob.smith@example.com",
    });
    expect(JSON.parse(got?.fields["attachment-info"] ?? "")).toEqual({
      attachment1: { filename: "notes.txt", name: "notes.txt", type: "text/plain" },
      attachment2: { filename: "mail.html", name: "mail.html", type: "text/html" },
    });
    expect(got?.files.map((f) => [f.field, f.filename, f.mimeType, f.content.toString()])).toEqual([
      ["attachment1", "notes.txt", "text/plain", "line one\n"],
      ["attachment2", "mail.html", "text/html", "<p>Hi <b>boss</b></p>"],
    ]);
  });

  it("a non-2xx is an error whose hint says Parse retries; a missing --attach file is exit 2", async () => {
    const args = [
      "send-email",
      "--from",
      "bob@example.com",
      "--to",
      "boss@example.org",
      "--subject",
      "S",
      "--body",
      "B",
    ];
    const [failed, missing] = await Promise.all([
      runCli([...args, "--webhook", `${plain.url}/email/fail`]),
      runCli([...args, "--webhook", `${plain.url}/email/inbound`, "--attach", "nope.pdf"]),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("✖ 500 Internal Server Error");
    expect(failed.stderr).toContain("retries");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--attach: cannot read nope.pdf: no such file");
  });
});

describe("doctor --webhook", () => {
  it("exit 0 for a webhook that checks signatures, 1 with the fix for one that accepts anything", async () => {
    const env = { TWILIO_AUTH_TOKEN: AUTH };
    const [good, open] = await Promise.all([
      runCli(["doctor", "--webhook", `${plain.url}/sms/inbound`], { env }),
      runCli(["doctor", "--webhook", `${plain.url}/sms/open`], { env }),
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("✔ Unsigned refused");
    expect(good.stdout).toContain("7/7 checks passed");
    expect(open.code).toBe(1);
    expect(open.stdout).toMatch(
      /✖ Unsigned refused\s+200 OK: the webhook accepts a request without X-Twilio-Signature/,
    );
    expect(open.stdout).toContain("twilio.validateRequest");
    expect(good.stdout + open.stdout).not.toContain(AUTH);
  });
});
