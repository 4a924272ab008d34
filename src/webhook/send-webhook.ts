import type { EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import type { WebhookExchange } from "./exchange.js";
import { type FetchFn, postWebhook } from "./http.js";
import { type Attachment, sendgridParseForm, toFormData } from "./sendgrid.js";
import type { RandomBytes } from "./sid.js";
import { twilioSignature } from "./signature.js";
import { twilioSmsForm } from "./twilio-form.js";
import { readTwiml } from "./twiml.js";

interface Common {
  url: string;
  /** `-d Key=Value` overrides. */
  data?: ReadonlyMap<string, string>;
  timeoutMs?: number;
  fetch?: FetchFn;
  random?: RandomBytes;
}

export interface SmsWebhookOptions extends Common {
  input: SmsEventInput;
  segments: number;
  /** Signs the request with `X-Twilio-Signature`; unsigned without it. */
  authToken?: string;
}

export interface EmailWebhookOptions extends Common {
  input: EmailEventInput;
  cc?: readonly string[];
  html?: string;
  attachments?: readonly Attachment[];
}

/**
 * POSTs an inbound SMS to a Messaging webhook as Twilio does (form fields, signature when a token is
 * given) and reads the TwiML answer. Any HTTP status resolves (see smsFailure); no answer throws.
 */
export async function sendSmsWebhook(options: SmsWebhookOptions): Promise<WebhookExchange> {
  const fields = twilioSmsForm(options.input, {
    segments: options.segments,
    ...(options.data ? { data: options.data } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const headers: Record<string, string> = { "i-twilio-idempotency-token": crypto.randomUUID() };
  if (options.authToken)
    headers["x-twilio-signature"] = twilioSignature(options.authToken, options.url, fields);
  const response = await postWebhook({
    url: options.url,
    body: new URLSearchParams(fields),
    headers: { ...headers, accept: "*/*" },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    request: {
      method: "POST",
      url: options.url,
      content_type: "application/x-www-form-urlencoded",
      headers,
      signed: options.authToken !== undefined,
      fields,
    },
    response,
    twiml: readTwiml(response.body),
    sentAt: response.sentAt,
    answeredAt: response.sentAt + response.latencyMs,
  };
}

/** POSTs an inbound email to an Inbound Parse webhook as SendGrid does (multipart/form-data). */
export async function sendEmailWebhook(options: EmailWebhookOptions): Promise<WebhookExchange> {
  const form = sendgridParseForm(options.input, {
    ...(options.cc ? { cc: options.cc } : {}),
    ...(options.html !== undefined ? { html: options.html } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...(options.data ? { data: options.data } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const headers = { "user-agent": "Sendlib/1.0 (xswarm-dev)" };
  const response = await postWebhook({
    url: options.url,
    body: toFormData(form),
    headers,
    service: "sendgrid",
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    request: {
      method: "POST",
      url: options.url,
      content_type: "multipart/form-data",
      headers,
      signed: false,
      fields: form.fields,
      files: form.files.map(({ content: _content, ...file }) => file),
    },
    response,
    sentAt: response.sentAt,
    answeredAt: response.sentAt + response.latencyMs,
  };
}
