import type { z } from "zod";
import { validate } from "./errors.js";
import {
  BROADCAST_TYPES,
  REPLY_TYPES,
  type ServerEvent,
  ServerEvent as ServerEventSchema,
} from "./events.js";
import { hotServerEvent } from "./hot-events.js";
import { ClientMessage } from "./messages.js";

export { type ParsedClientMessage, parseClientMessage } from "./tagged.js";

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

/** Parses one text frame from a supervisor. Never throws. */
export function parseEvent(text: string): ParsedEvent {
  const json = parseJsonObject(text);
  if (!json.ok) return { kind: "invalid", reason: json.reason, text };
  const type = json.value.type;
  if (typeof type !== "string") return { kind: "invalid", reason: "no string `type` field", text };
  const isReply = REPLY_TYPES.has(type);
  if (!isReply && !BROADCAST_TYPES.has(type)) return { kind: "unknown", type, raw: json.value };
  const hot = hotServerEvent(json.value);
  if (hot !== undefined) return { kind: "reply", event: hot };
  const result = ServerEventSchema.safeParse(json.value);
  if (result.success) return { kind: isReply ? "reply" : "broadcast", event: result.data };
  const reason = `${type}: ${describeIssues(result.error)}`;
  return isReply ? { kind: "invalid", reason, text, replyType: type } : { kind: "invalid", reason, text };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "value"}: ${i.message}`).join("; ");
}

/** Validates a client message against the protocol, then serialises it. Throws ValidationError. */
export function encodeMessage(message: ClientMessage): string {
  return JSON.stringify(validate(ClientMessage, message, `${String(message?.type ?? "message")} message`));
}
