import type { EmailReceivedMessage, SmsReceivedMessage } from "../../protocol/messages.js";

/** What the system prompt asks of an SMS answer. */
export const SMS_PROMPT_CHARS = 300;
/** Hard cap on the SMS text we send back, whatever the model wrote (two GSM segments). */
export const SMS_MAX_CHARS = 320;
/** Token budgets: an SMS answer is short by construction; an email answer may be a few paragraphs. */
export const SMS_MAX_TOKENS = 160;
export const EMAIL_MAX_TOKENS = 1024;
/** Cap on the inbound text we forward to the model, so that a 1 MiB email does not become a 1 MiB prompt. */
export const MAX_INPUT_CHARS = 20_000;

export type Channel = "sms" | "email";

const COMMON = [
  "You are xswarm, a personal AI assistant.",
  "The xswarm user named in each message is the person you work for; they are writing to you.",
  "Answer helpfully and truthfully. If you cannot do something (you have no tools here), say so briefly.",
  "Write plain text only: no Markdown, no bullet symbols, no code blocks.",
].join(" ");

const SYSTEM: Record<Channel, string> = {
  sms: `${COMMON} You are answering an SMS: reply in at most ${SMS_PROMPT_CHARS} characters, in one short paragraph.`,
  email: `${COMMON} You are answering an email: write only the body of the reply (no subject line, no headers), concise and friendly, signed "xswarm".`,
};

/** The system prompt for a channel. Static, so that it does not vary from message to message. */
export function systemPrompt(channel: Channel): string {
  return SYSTEM[channel];
}

/** The single user turn sent to the model for an inbound SMS or email. */
export function userPrompt(message: SmsReceivedMessage | EmailReceivedMessage): string {
  if (message.type === "sms_received") {
    return `SMS from ${message.from} (xswarm user "${message.user}"):\n\n${clip(message.message)}`;
  }
  return [
    `Email from ${message.from} (xswarm user "${message.user}")`,
    `Subject: ${clip(message.subject, 500)}`,
    "",
    clip(message.body),
  ].join("\n");
}

/** `Re: <subject>`, unless the subject already starts with `Re:` (any case). */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** Cuts an SMS answer to `max` characters, at a word boundary when one is near, ending with `…`. */
export function fitSms(text: string, max = SMS_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.-]+$/, "")}…`;
}

function clip(text: string, max = MAX_INPUT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[… cut at ${max} characters]`;
}
