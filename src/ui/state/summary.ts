import type { TrafficEntry } from "../../protocol/events.js";
import { classify, entryOf, type FeedEvent } from "./event-model.js";

const SUMMARY_MAX = 400;

/** One line about an entry, with the message text (at most 400 characters). */
export function summarizeEntry(entry: TrafficEntry): string {
  return oneLine(summarize(entry, classify(entry).type));
}

/** One line about an event, with the message text. */
export function summaryOf(event: FeedEvent): string {
  return summarizeEntry(entryOf(event));
}

const s = (v: unknown): string => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));
const quote = (v: unknown): string => `"${s(v)}"`;

function summarize(entry: TrafficEntry, type: string): string {
  const f = entry.frame;
  if (!f) {
    if (entry.binary_bytes !== undefined) return `binary frame, ${entry.binary_bytes} bytes`;
    return `not a JSON object: ${entry.raw ?? ""}`;
  }
  switch (type) {
    case "sms_received":
      return `${quote(f.message)} ${s(f.from)} → ${s(f.to)}`;
    case "email_received":
      return `${quote(f.subject)} ${s(f.body)} ${s(f.from)} → ${s(f.to)}`;
    case "message_acknowledged":
      return `${s(f.message_type)} acknowledged ${s(f.timestamp)}`;
    case "send_sms_response":
      return `${quote(f.message)} → ${s(f.to)}`;
    case "send_email_response":
      return `${quote(f.subject)} ${s(f.body)} → ${s(f.to)}`;
    case "auth":
      return "token sent";
    case "auth_result":
      return `${f.success === true ? "ok" : "failed"}: ${s(f.message)}`;
    case "monitor":
      return "subscribe to the traffic feed";
    case "monitor_started":
      return "traffic feed on";
    case "ping":
    case "pong":
      return "";
    case "user_speech":
      return `${s(f.duration_ms)} ms of speech`;
    case "reminder_sent":
      return `${s(f.reminder_id)} via ${s(f.method)}`;
    default:
      return genericSummary(f);
  }
}

const TEXT_FIELDS = ["message", "text", "content", "error", "reason", "title", "subject", "body"];

function genericSummary(frame: Record<string, unknown>): string {
  for (const key of TEXT_FIELDS) {
    if (typeof frame[key] === "string") return quote(frame[key]);
  }
  const { type: _type, ...rest } = frame;
  return JSON.stringify(rest);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, " ⏎ ");
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}
