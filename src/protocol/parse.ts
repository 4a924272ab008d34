import type { z } from "zod";
import { validate } from "./errors.js";
import { BROADCAST_TYPES, REPLY_TYPES, ServerEvent as ServerEventSchema } from "./events.js";
import { type ParsedEvent, parseJsonObject } from "./frame.js";
import { hotServerEvent } from "./hot-events.js";
import { ClientMessage } from "./messages.js";

export { type JsonObject, type ParsedEvent, parseJsonObject } from "./frame.js";
export { type ParsedClientMessage, parseClientMessage } from "./tagged.js";

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
