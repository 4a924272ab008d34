import { ValidationError, validate } from "../protocol/errors.js";
import { ClientMessage, EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { type Expectation, expectationFor, PING_EXPECTATION } from "./expectations.js";

/** A validated message ready for the wire, and what its reply must look like. */
export interface Outgoing {
  readonly message: ClientMessage;
  readonly text: string;
  readonly expectation: Expectation;
}

const SMS = expectationFor("sms_received");
const EMAIL = expectationFor("email_received");

/** `sms_received` from the seed's `{from, to, message, user}`. Throws ValidationError naming the field. */
export function smsOutgoing(input: unknown): Outgoing {
  const v = validate(SmsEventInput, input, "SMS event");
  const message: ClientMessage = {
    type: "sms_received",
    from: v.from,
    to: v.to,
    message: v.message,
    user: v.user,
  };
  return { message, text: JSON.stringify(message), expectation: SMS };
}

/** `email_received` from the seed's `{from, to, subject, body, user}`. Throws ValidationError naming the field. */
export function emailOutgoing(input: unknown): Outgoing {
  const v = validate(EmailEventInput, input, "email event");
  const message: ClientMessage = {
    type: "email_received",
    from: v.from,
    to: v.to,
    subject: v.subject,
    body: v.body,
    user: v.user,
  };
  return { message, text: JSON.stringify(message), expectation: EMAIL };
}

const ping: ClientMessage = { type: "ping" };
export const PING_OUTGOING: Outgoing = {
  message: ping,
  text: JSON.stringify(ping),
  expectation: PING_EXPECTATION,
};

/** Any client message but `auth` (which only connect() sends), validated against the protocol. */
export function messageOutgoing(input: unknown): Outgoing {
  const type = (input as { type?: unknown } | null)?.type;
  if (type === "auth") {
    throw new ValidationError("request", [
      { field: "type", message: "type: auth is sent by connect(); make a new client for another token" },
    ]);
  }
  const message = validate(ClientMessage, input, `${String(type ?? "client")} message`);
  return { message, text: JSON.stringify(message), expectation: expectationFor(message.type) };
}
