import { ValidationError, validate } from "../protocol/errors.js";
import type {
  ClientMessage,
  EmailEventInput,
  EmailReceivedMessage,
  SmsEventInput,
  SmsReceivedMessage,
} from "../protocol/messages.js";

// The messages a request sends, validated; its PendingRequest encodes it and finds its expectation.

const schemas = () => import("../protocol/messages.js");

/** A string with a printable ASCII character first is non-blank without trimming it. */
const nonBlank = (v: unknown): v is string => {
  if (typeof v !== "string") return false;
  const first = v.charCodeAt(0);
  return (first > 32 && first < 127) || v.trim().length > 0;
};
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `sms_received` from the seed's `{from, to, message, user}`, built at once when every field is a
 * non-blank string, as the zod schema requires, checked by hand: zod's parse of the input was 2% of
 * the client's CPU at 32 requests in flight (and the message is built straight from the input, not
 * from a checked copy of it). Anything else goes to zod (loaded then: its import was ~19 ms of a
 * `send-sms` start-up), which words the ValidationError naming the field.
 */
export function smsMessage(input: unknown): SmsReceivedMessage | Promise<SmsReceivedMessage> {
  if (isRecord(input)) {
    const { from, to, message, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(message) && nonBlank(user))
      return { type: "sms_received", from, to, message, user };
  }
  return schemas().then((m) => {
    const { from, to, message, user }: SmsEventInput = validate(m.SmsEventInput, input, "SMS event");
    return { type: "sms_received", from, to, message, user };
  });
}

/** `email_received` from the seed's `{from, to, subject, body, user}`, checked as smsMessage does. */
export function emailMessage(input: unknown): EmailReceivedMessage | Promise<EmailReceivedMessage> {
  if (isRecord(input)) {
    const { from, to, subject, body, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(subject) && nonBlank(body) && nonBlank(user))
      return { type: "email_received", from, to, subject, body, user };
  }
  return schemas().then((m) => {
    const { from, to, subject, body, user }: EmailEventInput = validate(
      m.EmailEventInput,
      input,
      "email event",
    );
    return { type: "email_received", from, to, subject, body, user };
  });
}

export const PING_MESSAGE: ClientMessage = { type: "ping" };

/** Any client message but `auth` (which only connect() sends), validated against the protocol. */
export function checkedMessage(input: unknown): Promise<ClientMessage> {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === "auth") {
    throw new ValidationError("request", [
      { field: "type", message: "type: auth is sent by connect(); make a new client for another token" },
    ]);
  }
  return schemas().then((m) => validate(m.ClientMessage, input, `${String(type ?? "client")} message`));
}
