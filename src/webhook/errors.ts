import { ConnectionError, TimeoutError } from "../client/errors.js";
import { type ErrorCode, ValidationError, XswarmError } from "../protocol/errors.js";

/** How long Twilio waits for a webhook's answer before it gives up (error 11200). */
export const TWILIO_TIMEOUT_MS = 15_000;

/**
 * Nothing answers at the webhook's address: refused, DNS, or the connection broke. Exit code 3,
 * as for a supervisor that cannot be reached.
 */
export class WebhookConnectionError extends ConnectionError {
  constructor(url: string, detail: string, code: ErrorCode, hint: string, cause?: unknown) {
    super(url, detail, { code, hint, cause });
  }
}

/** The webhook did not answer within the timeout (Twilio's 15 s by default). Exit code 5. */
export class WebhookTimeoutError extends TimeoutError {
  override readonly hint: string;
  readonly url: string;

  constructor(url: string, timeoutMs: number, service: "twilio" | "sendgrid" = "twilio") {
    super("request", timeoutMs);
    this.url = url;
    this.message = `Timed out after ${timeoutMs} ms waiting for the webhook (${url})`;
    this.hint =
      service === "sendgrid"
        ? "SendGrid Inbound Parse retries an email that gets no answer in time, so it would arrive again: answer 2xx quickly and do slow work afterwards."
        : timeoutMs >= TWILIO_TIMEOUT_MS
          ? "Twilio gives up after 15 s (error 11200) and the sender gets no answer: answer sooner, e.g. fall back when the supervisor is slow (it waits 10 s)."
          : "Raise --timeout (Twilio waits 15 s), or check why the server is slow.";
  }
}

/** The webhook answered with a status other than 2xx. Exit code 1. */
export class WebhookStatusError extends XswarmError {
  readonly status: number;

  constructor(status: number, statusText: string, hint: string) {
    super("webhook_status", `The webhook answered ${status}${statusText ? ` ${statusText}` : ""}`, hint);
    this.status = status;
  }
}

/** A 2xx whose TwiML Twilio would reject (parse failure, wrong root, a verb SMS does not have). Exit code 1. */
export class TwimlError extends XswarmError {
  readonly errors: string[];

  constructor(errors: string[]) {
    super(
      "twiml_error",
      `The webhook's TwiML would fail at Twilio: ${errors.join("; ")}`,
      "Answer with <Response><Message>text</Message></Response> (Content-Type application/xml), or an empty <Response/> for no reply.",
    );
    this.errors = errors;
  }
}

/** `--webhook`'s value as a URL: http or https only. Throws a ValidationError naming the flag. */
export function parseWebhookUrl(value: string, flag = "--webhook"): URL {
  const fail = (why: string): never => {
    throw new ValidationError(
      flag,
      [{ field: flag, message: `${flag}: ${why}` }],
      "For example --webhook http://127.0.0.1:8787/sms/inbound.",
    );
  };
  if (/^[\w.-]+:\d+(\/.*)?$/.test(value)) fail(`"${value}" has no scheme; write http://${value}`);
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    fail(`"${value}" is not a URL`);
  }
  if (url && url.protocol !== "http:" && url.protocol !== "https:")
    fail(`"${value}" has scheme ${url.protocol.slice(0, -1)}; a webhook is http or https`);
  return url as URL;
}
