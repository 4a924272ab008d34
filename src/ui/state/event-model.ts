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

/**
 * Strings many events repeat (a type, a user, a connection id, a millisecond's timestamp), each kept
 * once: `toFeedEvent` stores the first copy it met. The caller makes one per batch.
 */
export type Interned = Map<string, string>;

function intern(names: Interned | undefined, text: string): string;
function intern(names: Interned | undefined, text: string | undefined): string | undefined;
function intern(names: Interned | undefined, text: string | undefined): string | undefined {
  if (text === undefined || names === undefined) return text;
  const known = names.get(text);
  if (known !== undefined) return known;
  names.set(text, text);
  return text;
}

/**
 * JSON.stringify's text as one flat string. V8 builds it from pieces (a rope of ~32-, 64-, …-
 * character parts): kept as it comes, a 100-character frame takes ~230 bytes, flat ~140. Converting
 * it to a number flattens it in place; the pieces die young.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/**
 * Builds the feed's view of one traffic entry. Pure; `id` is assigned by the reducer. Thousands are
 * kept, and under a flood every one lives long enough to be promoted to V8's old generation (~1 s in
 * the ring at 5,000 a second): one fixed shape, the frame as flat JSON text, repeated strings shared
 * through `names`.
 */
export function toFeedEvent(entry: TrafficEntry, id: number, names?: Interned): FeedEvent {
  if (entry.event) return linkEvent(entry, entry.event, id);
  const { type, category, user } = classify(entry);
  const event: FeedEvent = {
    id,
    seq: entry.seq,
    connectionId: intern(names, entry.connection_id),
    direction: entry.direction,
    time: intern(names, entry.time),
    replyTo: entry.reply_to,
    latencyMs: entry.latency_ms,
    type: intern(names, type),
    category,
    user: intern(names, user),
    json: entry.frame ? flat(JSON.stringify(entry.frame)) : undefined,
    raw: entry.raw,
    binaryBytes: entry.binary_bytes,
  };
  if (entry.direction === "out" && entry.reply_to === undefined && REMINDER_TYPES.has(type))
    event.reminder = true;
  return event;
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

function userOf(frame: Record<string, unknown> | null): string | undefined {
  const user = frame?.user ?? frame?.user_id;
  return typeof user === "string" ? user : undefined;
}
