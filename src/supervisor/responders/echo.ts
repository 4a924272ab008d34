import type { SendEmailResponseEvent, SendSmsResponseEvent } from "../../protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../protocol/messages.js";
import type { Responder } from "../types.js";

const SMS_PREVIEW = 80;
const EMAIL_PREVIEW = 400;

function preview(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** `Re: <subject>`, without stacking a second `Re:`. */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

/** The echo answer to an SMS: short, deterministic, addressed back to the sender. */
export function echoSms(message: SmsReceivedMessage): SendSmsResponseEvent {
  return {
    type: "send_sms_response",
    to: message.from,
    message: `Echo (xswarm dev supervisor): "${preview(message.message, SMS_PREVIEW)}"`,
    user: message.user,
  };
}

/** The echo answer to an email: `Re: <subject>`, a quote of the body, addressed back to the sender. */
export function echoEmail(message: EmailReceivedMessage): SendEmailResponseEvent {
  const words = message.body.trim() === "" ? 0 : message.body.trim().split(/\s+/).length;
  return {
    type: "send_email_response",
    to: message.from,
    subject: replySubject(message.subject),
    body:
      `Echo from the xswarm dev supervisor.\n\n` +
      `You wrote ${words} word${words === 1 ? "" : "s"}:\n> ${preview(message.body, EMAIL_PREVIEW)}\n`,
    user: message.user,
  };
}

/** The `echo` responder: exercises the whole response path offline. */
export function createEchoResponder(): Responder {
  const respondSync = (message: SmsReceivedMessage | EmailReceivedMessage) =>
    message.type === "sms_received" ? echoSms(message) : echoEmail(message);
  return { name: "echo", respond: async (message) => respondSync(message), respondSync };
}
