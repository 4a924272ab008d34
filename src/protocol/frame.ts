import type { ServerEvent } from "./events.js";
import { hotServerEvent } from "./hot-events.js";

// The client's side of parse.ts without zod (its import was ~19 ms of a `send-sms` start-up) and
// without the supervisor's parser: a frequent reply is read by hand; zod's schemas (parse.ts) load
// only for a frame the hand check does not take, which they then classify and word.

export type JsonObject = Record<string, unknown>;

/** What came over the wire from a supervisor, classified. `parseEvent` never throws. */
export type ParsedEvent =
  | { kind: "reply"; event: ServerEvent }
  | { kind: "broadcast"; event: ServerEvent }
  /** A JSON object whose `type` nobody knows (a newer server): shown raw, never taken for a reply. */
  | { kind: "unknown"; type: string; raw: JsonObject }
  /**
   * Not JSON, not an object, no `type`, or a known type with bad fields. `replyType` is set when the
   * type is a known reply type: such a frame still takes its place in the reply order.
   */
  | { kind: "invalid"; reason: string; text: string; replyType?: string };

/** The `type` of each reply schema of events.ts (test/protocol/frame.test.ts checks they match). */
export const REPLY_TYPE_NAMES: ReadonlySet<string> = new Set([
  "auth_result",
  "pong",
  "error",
  "message_acknowledged",
  "send_sms_response",
  "send_email_response",
  "suggestion_applied",
  "suggestion_rejected",
  "synthesis_complete",
  "synthesis_failed",
  "claude_code_connected",
  "claude_code_response",
  "claude_code_disconnected",
  "appointment_scheduled",
  "reminder_created",
  "calendar_retrieved",
  "monitor_started",
]);
/** The `type` of each broadcast schema of events.ts. */
export const BROADCAST_TYPE_NAMES: ReadonlySet<string> = new Set([
  "synthesis_started",
  "user_speech",
  "user_transcription",
  "reminder_due",
  "reminder_sent",
  "reminder_failed",
  "traffic",
]);

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseJsonObject(
  text: string,
): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  return isObject(value) ? { ok: true, value } : { ok: false, reason: "not a JSON object" };
}

/**
 * What parse.ts's `parseEvent(text)` gives, at once when no schema is needed (a frequent reply, not
 * JSON, an unknown type), else once zod's schemas are loaded. Never rejects.
 */
export function readEvent(text: string): ParsedEvent | Promise<ParsedEvent> {
  // JSON.parse here rather than through parseJsonObject: its `{ ok, value }` wrapper was one more
  // object per reply on the client's path (same outcome and wording for every frame).
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "not JSON", text };
  }
  if (!isObject(value)) return { kind: "invalid", reason: "not a JSON object", text };
  const type = value.type;
  if (typeof type !== "string") return { kind: "invalid", reason: "no string `type` field", text };
  // The hand check first: a frequent reply (every one of its types is a reply type) needs no lookup.
  const hot = hotServerEvent(value);
  if (hot !== undefined) return { kind: "reply", event: hot };
  if (!REPLY_TYPE_NAMES.has(type) && !BROADCAST_TYPE_NAMES.has(type))
    return { kind: "unknown", type, raw: value };
  return import("./parse.js").then((parse) => parse.parseEvent(text));
}

/**
 * Runs frame handlers in arrival order when some of them wait (for readEvent's schemas): a step
 * queued behind a waiting one runs after it, the others at once.
 */
export class FrameOrder {
  private last: Promise<void> | undefined;

  /** Nothing waits: a step may run at once (then hand what it returns to `follow`). */
  get idle(): boolean {
    return this.last === undefined;
  }

  /** Runs `step` now if nothing waits, else after what waits. */
  run(step: () => Promise<void> | undefined | void): void {
    if (this.last === undefined) this.follow(step());
    else {
      const last = this.last;
      this.track(last.then(() => step()));
    }
  }

  /** What a step run at once returned: later steps wait for it when it is a promise. */
  follow(later: Promise<void> | undefined | void): void {
    if (later instanceof Promise) this.track(later);
  }

  private track(waiting: Promise<void>): void {
    this.last = waiting;
    void waiting.then(() => {
      if (this.last === waiting) this.last = undefined;
    });
  }
}
