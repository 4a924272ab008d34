import { ValidationError, validate } from "../protocol/errors.js";
import type { ClientMessage, EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { type Expectation, expectationFor, PING_EXPECTATION } from "./expectations.js";

/** A validated message ready for the wire, and what its reply must look like. */
export interface Outgoing {
  readonly message: ClientMessage;
  readonly text: string;
  readonly expectation: Expectation;
  /** The `user` of an SMS or email event, which its reply must echo. */
  readonly user?: string;
}

const schemas = () => import("../protocol/messages.js");

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
 * parse of the input was 2% of the client's CPU at 32 requests in flight. Anything else goes to zod
 * (loaded then: its import was ~19 ms of a `send-sms` start-up), which words the error.
 */
function sms(input: unknown): SmsEventInput | Promise<SmsEventInput> {
  if (isRecord(input)) {
    const { from, to, message, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(message) && nonBlank(user))
      return { from, to, message, user };
  }
  return schemas().then((m) => validate(m.SmsEventInput, input, "SMS event"));
}

function email(input: unknown): EmailEventInput | Promise<EmailEventInput> {
  if (isRecord(input)) {
    const { from, to, subject, body, user } = input;
    if (nonBlank(from) && nonBlank(to) && nonBlank(subject) && nonBlank(body) && nonBlank(user))
      return { from, to, subject, body, user };
  }
  return schemas().then((m) => validate(m.EmailEventInput, input, "email event"));
}

/** `sms_received` from the seed's `{from, to, message, user}`. Throws ValidationError naming the field. */
export function smsOutgoing(input: unknown): Outgoing | Promise<Outgoing> {
  const checked = sms(input);
  return checked instanceof Promise ? checked.then(smsFrom) : smsFrom(checked);
}

const smsFrom = ({ from, to, message, user }: SmsEventInput): Outgoing =>
  outgoing({ type: "sms_received", from, to, message, user }, SMS);

/** `email_received` from the seed's `{from, to, subject, body, user}`. Throws ValidationError naming the field. */
export function emailOutgoing(input: unknown): Outgoing | Promise<Outgoing> {
  const checked = email(input);
  return checked instanceof Promise ? checked.then(emailFrom) : emailFrom(checked);
}

const emailFrom = ({ from, to, subject, body, user }: EmailEventInput): Outgoing =>
  outgoing({ type: "email_received", from, to, subject, body, user }, EMAIL);

export const PING_OUTGOING: Outgoing = outgoing({ type: "ping" }, PING_EXPECTATION);

/** Any client message but `auth` (which only connect() sends), validated against the protocol. */
export function messageOutgoing(input: unknown): Outgoing | Promise<Outgoing> {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === "auth") {
    throw new ValidationError("request", [
      { field: "type", message: "type: auth is sent by connect(); make a new client for another token" },
    ]);
  }
  return schemas().then((m) => {
    const message = validate(m.ClientMessage, input, `${String(type ?? "client")} message`);
    return outgoing(message, expectationFor(message.type));
  });
}
