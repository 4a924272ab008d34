import { type Direction, eventKind, type TrafficEntry } from "../../protocol/events.js";
import { RUST_MESSAGE_TYPES } from "../../protocol/messages.js";
import type { FeedMark } from "./types.js";

/** What a line of the feed is about; decides its colour, icon and the per-type counts. */
export type Category =
  | "sms"
  | "email"
  | "ack"
  | "ai"
  | "error"
  | "broadcast"
  | "control"
  | "ping"
  | "other"
  | "unknown";

export const CATEGORIES: readonly Category[] = [
  "sms",
  "email",
  "ack",
  "ai",
  "error",
  "broadcast",
  "control",
  "ping",
  "other",
  "unknown",
];

/**
 * One TrafficEntry as the dashboard keeps it: classified once when it arrives, and compact, because
 * thousands are kept. The frame is held as its JSON text; the one-line summary is made when shown.
 */
export interface FeedEvent {
  /** Local, increasing by one per event received (also across `clear`). */
  id: number;
  seq: number;
  connectionId: string;
  direction: Direction;
  time: string;
  replyTo: number | undefined;
  latencyMs: number | undefined;
  /** The frame's `type`, or `raw` / `binary` for a frame that is not a JSON object. */
  type: string;
  category: Category;
  user: string | undefined;
  /** The frame as JSON text; undefined when it was not a JSON object. */
  json: string | undefined;
  raw: string | undefined;
  binaryBytes: number | undefined;
  /** Set for a line that is not traffic (disconnected, reconnected, …): shown as a rule across the feed. */
  mark?: FeedMark;
  /** A reply-type frame that answers no request: a reminder the supervisor broadcast. */
  reminder?: boolean;
  /** Set for a client connecting or going (also a `mark`): what the connections pane needs. */
  link?: { event: "open" | "close"; address?: string };
}

const SUMMARY_MAX = 400;

const OUT_CATEGORY: Record<string, Category> = {
  message_acknowledged: "ack",
  send_sms_response: "ai",
  send_email_response: "ai",
  claude_code_response: "ai",
  error: "error",
  pong: "ping",
  auth_result: "control",
  monitor_started: "control",
};

const IN_CATEGORY: Record<string, Category> = {
  sms_received: "sms",
  email_received: "email",
  ping: "ping",
  auth: "control",
  monitor: "control",
};

/** Classifies a frame by direction and type, as the legend in the help overlay describes. */
export function categorize(direction: TrafficEntry["direction"], type: string | undefined): Category {
  if (type === undefined) return "unknown";
  if (direction === "in") {
    return IN_CATEGORY[type] ?? (RUST_MESSAGE_TYPES.includes(type) ? "other" : "unknown");
  }
  const known = OUT_CATEGORY[type];
  if (known) return known;
  const kind = eventKind(type);
  if (kind === "broadcast") return "broadcast";
  return kind === "reply" ? "other" : "unknown";
}

/** The type, category and user of an entry. */
export function classify(entry: TrafficEntry): Pick<FeedEvent, "type" | "category" | "user"> {
  const frame = entry.frame;
  const rawType = frame?.type;
  const type =
    typeof rawType === "string"
      ? rawType
      : frame
        ? "(no type)"
        : entry.binary_bytes !== undefined
          ? "binary"
          : "raw";
  const category = categorize(entry.direction, typeof rawType === "string" ? rawType : undefined);
  return { type, category, user: userOf(frame) };
}

/** A ping or pong frame: the feed hides these unless the filter asks for them. */
export function isKeepalive(entry: TrafficEntry): boolean {
  return entry.event === undefined && classify(entry).category === "ping";
}

/** Reply types the Rust server also broadcasts for a due reminder (PROTOCOL.md). */
const REMINDER_TYPES = new Set(["send_sms_response", "send_email_response"]);

/** A line that is not traffic, e.g. `disconnected: connection lost`, at epoch ms `at`. */
export function markEvent(mark: FeedMark, id: number, at: number): FeedEvent {
  return {
    id,
    seq: 0,
    connectionId: "",
    direction: "in",
    time: new Date(at).toISOString(),
    replyTo: undefined,
    latencyMs: undefined,
    type: "mark",
    category: "control",
    user: undefined,
    json: undefined,
    raw: undefined,
    binaryBytes: undefined,
    mark,
  };
}

/** A client's connect or disconnect line, kept as a mark that still names its connection. */
function linkEvent(entry: TrafficEntry, event: "open" | "close", id: number): FeedEvent {
  const at = Date.parse(entry.time) || 0;
  const text = linkText(entry);
  const mark: FeedMark = { text, tone: event === "open" || entry.close_code === 1000 ? "info" : "warn" };
  const link: FeedEvent["link"] = entry.address ? { event, address: entry.address } : { event };
  return {
    ...markEvent(mark, id, at),
    seq: entry.seq,
    connectionId: entry.connection_id,
    time: entry.time,
    link,
  };
}

/** `c3 connected from 127.0.0.1:5555`, `c3 disconnected (1000) after 2s`: a connect or disconnect entry in words. */
export function linkText(entry: TrafficEntry): string {
  return entry.event === "close" ? closeText(entry) : openText(entry);
}

function openText(entry: TrafficEntry): string {
  return `${entry.connection_id} connected${entry.address ? ` from ${entry.address}` : ""}`;
}

function closeText(entry: TrafficEntry): string {
  const reason = entry.close_reason ? ` ${entry.close_reason}` : "";
  const code = entry.close_code === undefined ? "" : ` (${entry.close_code}${reason})`;
  const lived = entry.duration_ms === undefined ? "" : ` after ${formatLived(entry.duration_ms)}`;
  return `${entry.connection_id} disconnected${code}${lived}`;
}

function formatLived(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  return s < 3600
    ? `${Math.floor(s / 60)}m${s % 60}s`
    : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

/** Builds the feed's view of one traffic entry. Pure; `id` is assigned by the reducer. */
export function toFeedEvent(entry: TrafficEntry, id: number): FeedEvent {
  if (entry.event) return linkEvent(entry, entry.event, id);
  const classified = classify(entry);
  const reminder =
    entry.direction === "out" && entry.reply_to === undefined && REMINDER_TYPES.has(classified.type);
  return {
    ...(reminder ? { reminder: true } : {}),
    id,
    seq: entry.seq,
    connectionId: entry.connection_id,
    direction: entry.direction,
    time: entry.time,
    replyTo: entry.reply_to,
    latencyMs: entry.latency_ms,
    ...classified,
    json: entry.frame ? JSON.stringify(entry.frame) : undefined,
    raw: entry.raw,
    binaryBytes: entry.binary_bytes,
  };
}

/** The event's frame as an object again, or null. */
export function frameOf(event: FeedEvent): Record<string, unknown> | null {
  return event.json === undefined ? null : (JSON.parse(event.json) as Record<string, unknown>);
}

/** The TrafficEntry the event was made from. */
export function entryOf(event: FeedEvent): TrafficEntry {
  const entry: TrafficEntry = {
    seq: event.seq,
    connection_id: event.connectionId,
    direction: event.direction,
    time: event.time,
    frame: frameOf(event),
  };
  if (event.raw !== undefined) entry.raw = event.raw;
  if (event.binaryBytes !== undefined) entry.binary_bytes = event.binaryBytes;
  if (event.replyTo !== undefined) entry.reply_to = event.replyTo;
  if (event.latencyMs !== undefined) entry.latency_ms = event.latencyMs;
  return entry;
}

/** One line about an entry, with the message text (at most 400 characters). */
export function summarizeEntry(entry: TrafficEntry): string {
  return oneLine(summarize(entry, classify(entry).type));
}

/** One line about an event, with the message text. */
export function summaryOf(event: FeedEvent): string {
  return summarizeEntry(entryOf(event));
}

function userOf(frame: Record<string, unknown> | null): string | undefined {
  const user = frame?.user ?? frame?.user_id;
  return typeof user === "string" ? user : undefined;
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
