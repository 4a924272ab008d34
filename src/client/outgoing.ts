import { ValidationError, validate } from "../protocol/errors.js";
import { ClientMessage, EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { type Expectation, expectationFor, PING_EXPECTATION } from "./expectations.js";

/** A validated message ready for the wire, and what its reply must look like. */
export interface Outgoing {
  readonly message: ClientMessage;
  readonly text: string;
  readonly expectation: Expectation;
  /** The `user` of an SMS or email event, which its reply must echo. */
  readonly user?: string;
}

const SMS = expectationFor("sms_received");
const EMAIL = expectationFor("email_received");

const outgoing = (message: ClientMessage, expectation: Expectation): Outgoing => {
  const user = (message as { user?: unknown }).user;
  const text = JSON.stringify(message);
  return typeof user === "string" ? { message, text, expectation, user } : { message, text, expectation };
};

const nonBlank = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The input when every field is a non-blank string, as the zod schema requires, checked by hand: zod's
 * parse of the input was 2% of the client's CPU at 32 requests in flight. Anything else goes to zod,
 * which words the error.
 */
function sms(input: unknown): SmsEventInput {
  if (isRecord(input)) {
    const { from, to, message, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(message) && nonBlank(user))
      return { from, to, message, user };
  }
  return validate(SmsEventInput, input, "SMS event");
}

function email(input: unknown): EmailEventInput {
  if (isRecord(input)) {
    const { from, to, subject, body, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(subject) && nonBlank(body) && nonBlank(user))
      return { from, to, subject, body, user };
  }
  return validate(EmailEventInput, input, "email event");
}

/** `sms_received` from the seed's `{from, to, message, user}`. Throws ValidationError naming the field. */
export function smsOutgoing(input: unknown): Outgoing {
  const { from, to, message, user } = sms(input);
  return outgoing({ type: "sms_received", from, to, message, user }, SMS);
}

/** `email_received` from the seed's `{from, to, subject, body, user}`. Throws ValidationError naming the field. */
export function emailOutgoing(input: unknown): Outgoing {
  const { from, to, subject, body, user } = email(input);
  return outgoing({ type: "email_received", from, to, subject, body, user }, EMAIL);
}

export const PING_OUTGOING: Outgoing = outgoing({ type: "ping" }, PING_EXPECTATION);

/** Any client message but `auth` (which only connect() sends), validated against the protocol. */
export function messageOutgoing(input: unknown): Outgoing {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === "auth") {
    throw new ValidationError("request", [
      { field: "type", message: "type: auth is sent by connect(); make a new client for another token" },
    ]);
  }
  const message = validate(ClientMessage, input, `${String(type ?? "client")} message`);
  return outgoing(message, expectationFor(message.type));
}
