import type { LogRecord } from "./types.js";

/** Quoted texts kept for reuse (keys; level and message parts): log lines use a few dozen of each. */
const CACHE_LIMIT = 256;
const heads: Record<LogRecord["level"], Map<string, string>> = {
  info: new Map(),
  warn: new Map(),
  error: new Map(),
};
const names = new Map<string, string>();

/** Whether JSON.stringify writes `text` as is between quotes (a surrogate pair just takes the slow path). */
function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** `JSON.stringify(text)`, without its call for the usual text that needs no escape. */
export const quote = (text: string): string => (plain(text) ? `"${text}"` : JSON.stringify(text));

// Cached by the strings themselves: a message or key written in the source has its hash already.
function head(level: LogRecord["level"], msg: string): string {
  const cache = heads[level];
  let text = cache.get(msg);
  if (text === undefined) {
    text = `,"level":"${level}","msg":${JSON.stringify(msg)}`;
    if (cache.size < CACHE_LIMIT) cache.set(msg, text);
  }
  return text;
}

function name(key: string): string {
  let text = names.get(key);
  if (text === undefined) {
    text = `,${JSON.stringify(key)}:`;
    if (names.size < CACHE_LIMIT) names.set(key, text);
  }
  return text;
}

/** The record a line is made of: `fields` after time, level and msg, without a `token`. */
export function logRecord(
  time: string,
  level: LogRecord["level"],
  msg: string,
  fields?: Record<string, unknown>,
): LogRecord {
  const record: LogRecord = { time, level, msg, ...fields };
  if ("token" in record) delete record.token;
  return record;
}

/**
 * `JSON.stringify(logRecord(...))`, byte for byte, without building the record: Node 20's
 * JSON.stringify costs ~100 ns per value, and a line is written for every SMS answered. Flat
 * string, number and boolean fields are written here; anything else (a nested value, a key the
 * record orders differently) is left to JSON.stringify.
 */
export function logLine(
  time: string,
  level: LogRecord["level"],
  msg: string,
  fields?: Record<string, unknown>,
): string {
  let out = `{"time":"${time}"${head(level, msg)}`;
  if (fields === undefined) return `${out}}`;
  if (Object.getPrototypeOf(fields) !== Object.prototype) return slow(time, level, msg, fields);
  for (const key in fields) {
    const value = fields[key];
    // A spread keeps time, level and msg in front (undefined drops them), and JSON puts index-like keys first.
    if (key === "time" || key === "level" || key === "msg" || isDigit(key.charCodeAt(0)))
      return slow(time, level, msg, fields);
    if (key === "token" || value === undefined) continue;
    const quoted = name(key);
    switch (typeof value) {
      case "string":
        out += `${quoted}${quote(value)}`;
        break;
      case "number":
        out += Number.isFinite(value) ? `${quoted}${value}` : `${quoted}null`;
        break;
      case "boolean":
        out += `${quoted}${value}`;
        break;
      default:
        if (value !== null) return slow(time, level, msg, fields);
        out += `${quoted}null`;
    }
  }
  return `${out}}`;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

const slow = (time: string, level: LogRecord["level"], msg: string, fields: Record<string, unknown>) =>
  JSON.stringify(logRecord(time, level, msg, fields));

// Shared by every line not set yet: thousands of connections each keep one.
const NOTHING: Record<string, unknown> = Object.freeze({});
const NO_BYTES = Buffer.alloc(0);

/** `{"time":"` and the time, the same in every line: what a repeated line's cached bytes follow. */
const TIME_PREFIX = '{"time":""';
/**
 * A longer line is not kept: its fields come from the peer (user, from), and a connection that sends
 * one 1 MB sender would otherwise hold a megabyte for as long as it stays open.
 */
export const MAX_KEPT_LINE = 1024;

/**
 * A line written again and again with the same message and fields (the answer line of a
 * connection, one per SMS): its UTF-8 bytes after the time are made once, so that each line is
 * two copies of bytes, with no string built or encoded. Its writer tells it when the fields change.
 */
export class RepeatedLine {
  level: LogRecord["level"] = "info";
  msg = "";
  /** What the bytes were made from (for a log's `onLog`); never changed in place. */
  fields: Record<string, unknown> = NOTHING;
  /** The bytes after `{"time":"…"`, up to the closing brace. */
  tail: Buffer = NO_BYTES;

  /**
   * Makes the bytes for these fields; false (and the line unusable) when they cannot be kept: a
   * value that is an object could change in place, a `time` field would replace the line's own, a
   * line longer than MAX_KEPT_LINE would be held by its connection.
   */
  set(level: LogRecord["level"], msg: string, fields: Record<string, unknown>): boolean {
    if (Object.getPrototypeOf(fields) !== Object.prototype) return false;
    for (const key in fields) {
      const value = fields[key];
      if (key === "time" || (typeof value === "object" && value !== null)) return false;
    }
    const line = logLine("", level, msg, fields);
    if (!line.startsWith(TIME_PREFIX) || line.length > MAX_KEPT_LINE) return false;
    this.level = level;
    this.msg = msg;
    this.fields = fields;
    this.tail = Buffer.from(line.slice(TIME_PREFIX.length), "utf8");
    return true;
  }
}
