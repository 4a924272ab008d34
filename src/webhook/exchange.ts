import { TwimlError, WebhookStatusError } from "./errors.js";
import type { WebhookResponse } from "./http.js";
import type { Twiml } from "./twiml.js";

/** A webhook request as it went out (never the auth token: only the signature it made). */
export interface WebhookRequestRecord {
  method: "POST";
  url: string;
  content_type: "application/x-www-form-urlencoded" | "multipart/form-data";
  headers: Record<string, string>;
  /** Whether `X-Twilio-Signature` was sent. */
  signed: boolean;
  fields: Record<string, string>;
  files?: Array<{ field: string; filename: string; type: string; size: number }>;
}

/** One request and its answer. `twiml` is read for SMS webhooks only. */
export interface WebhookExchange {
  request: WebhookRequestRecord;
  response: WebhookResponse;
  twiml?: Twiml;
  /** Epoch ms when the request went out and when the answer was in (for tracing). */
  sentAt: number;
  answeredAt: number;
}

function smsStatusHint(status: number, signed: boolean): string {
  if (status === 401 || status === 403)
    return signed
      ? "The server refused the signature: the Twilio auth token must be the same here and on the server, and the URL must be the one the server sees (scheme, host, port, path, query)."
      : "The request was unsigned: pass --twilio-auth-token or set TWILIO_AUTH_TOKEN (.env.local) to sign it as Twilio does.";
  if (status === 404 || status === 405)
    return "Check the path: the Node.js server takes POST /sms/inbound and /sms/:userId.";
  if (status >= 500)
    return "Twilio logs error 11200 for this and the sender gets no reply: check the server's logs.";
  if (status >= 300 && status < 400)
    return "Twilio does not follow redirects of a webhook POST: use the final URL.";
  return "Twilio expects a 2xx with TwiML (<Response><Message>...</Message></Response>).";
}

/** Why an SMS webhook exchange failed (non-2xx, or TwiML Twilio would reject), or undefined. */
export function smsFailure(exchange: WebhookExchange): WebhookStatusError | TwimlError | undefined {
  const { status, statusText } = exchange.response;
  if (status < 200 || status > 299)
    return new WebhookStatusError(status, statusText, smsStatusHint(status, exchange.request.signed));
  if (exchange.twiml && !exchange.twiml.ok) return new TwimlError(exchange.twiml.errors);
  return undefined;
}

/** Why an email webhook exchange failed (anything but a 2xx), or undefined. */
export function emailFailure(exchange: WebhookExchange): WebhookStatusError | undefined {
  const { status, statusText } = exchange.response;
  if (status >= 200 && status <= 299) return undefined;
  return new WebhookStatusError(
    status,
    statusText,
    "SendGrid Inbound Parse retries an email that gets anything but a 2xx (for up to 3 days), so this one would arrive again: answer 2xx once the email is taken.",
  );
}
