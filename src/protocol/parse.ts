import type { z } from "zod";
import { validate } from "./errors.js";
import {
  BROADCAST_TYPES,
  REPLY_TYPES,
  type ServerEvent,
  ServerEvent as ServerEventSchema,
} from "./events.js";
import { jsonSyntaxError } from "./json-syntax.js";
import { ClientMessage, RUST_MESSAGE_TYPES } from "./messages.js";

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

/**
 * Parses a client message as the Rust supervisor does (serde). On failure `detail` is worded as
 * serde_json words it, so that `Invalid message format: ${detail}` matches the Rust server.
 */
export function parseClientMessage(
  text: string,
  variants: readonly string[] = RUST_MESSAGE_TYPES,
): { ok: true; message: ClientMessage } | { ok: false; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const syntax = jsonSyntaxError(text);
    // serde reads the first value to the end before it looks at what follows: its own faults come first.
    if (syntax.valueEnd !== undefined) {
      const first = parseClientMessage(text.slice(0, syntax.valueEnd), variants);
      if (!first.ok) return first;
    }
    return { ok: false, detail: syntax.detail };
  }
  const at = ` at line 1 column ${text.length}`;
  if (!isObject(value))
    return {
      ok: false,
      detail: `invalid type: ${serdeDescribe(value)}, expected internally tagged enum${at}`,
    };
  const type = value.type;
  if (type === undefined) return { ok: false, detail: `missing field \`type\`${at}` };
  if (typeof type !== "string")
    return { ok: false, detail: `invalid type: ${serdeDescribe(type)}, expected variant identifier${at}` };
  if (!variants.includes(type)) {
    const expected = variants.map((v) => `\`${v}\``).join(", ");
    return { ok: false, detail: `unknown variant \`${type}\`, expected one of ${expected}${at}` };
  }
  // serde ignores unknown fields and reads `null` as absent for an optional field.
  const cleaned = Object.fromEntries(
    Object.entries(value).filter(([k, v]) => !(v === null && OPTIONAL.has(k))),
  );
  const result = ClientMessage.safeParse(cleaned);
  if (result.success) return { ok: true, message: result.data };
  return { ok: false, detail: `${serdeIssue(value, result.error)}${at}` };
}

const OPTIONAL = new Set(["priority", "stream_sid", "context"]);

function serdeIssue(value: JsonObject, error: z.ZodError): string {
  const keys = Object.keys(value);
  const issues = error.issues.map((issue) => ({ issue, key: String(issue.path[0] ?? "") }));
  // serde walks the map in input order and fails on the first bad value; missing fields come last.
  const present = issues
    .filter(({ key }) => key in value && value[key] !== undefined)
    .sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
  const first = present[0];
  if (first) {
    const v = value[first.key];
    if (first.issue.code === "invalid_value" && typeof v === "string") {
      const options = (first.issue.values ?? []).map((o) => `\`${String(o)}\``).join(", ");
      return `unknown variant \`${v}\`, expected one of ${options}`;
    }
    const expected =
      first.issue.code === "invalid_type" && first.issue.expected === "int" ? "i64" : "a string";
    return `invalid type: ${serdeDescribe(v)}, expected ${expected}`;
  }
  const missing = issues[0]?.key ?? "unknown";
  return `missing field \`${missing}\``;
}

function serdeDescribe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return `boolean \`${v}\``;
  if (typeof v === "number") return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (Array.isArray(v)) return "sequence";
  return "map";
}
