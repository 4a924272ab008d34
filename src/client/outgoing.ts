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

/** `sms_received` from the seed's `{from, to, message, user}`. Throws ValidationError naming the field. */
export function smsOutgoing(input: unknown): Outgoing {
  const { from, to, message, user } = validate(SmsEventInput, input, "SMS event");
  return outgoing({ type: "sms_received", from, to, message, user }, SMS);
}

/** `email_received` from the seed's `{from, to, subject, body, user}`. Throws ValidationError naming the field. */
export function emailOutgoing(input: unknown): Outgoing {
  const { from, to, subject, body, user } = validate(EmailEventInput, input, "email event");
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
