import type { ClientMessage } from "../protocol/messages.js";
import { RUST_MESSAGE_TYPES } from "../protocol/messages.js";
import { parseClientMessage } from "../protocol/parse.js";

type Json = Record<string, unknown>;

/** Replies worded exactly as the Rust supervisor words them (PROTOCOL.md). */
export const AUTH_OK: Json = { type: "auth_result", success: true, message: "Authenticated successfully" };
export const AUTH_FAILED: Json = {
  type: "auth_result",
  success: false,
  message: "Invalid authentication token",
};
export const PONG: Json = { type: "pong" };
export const NOT_AUTHENTICATED: Json = { type: "error", message: "Not authenticated" };
export const MONITOR_STARTED: Json = { type: "monitor_started" };

export const formatError = (detail: string): Json => ({
  type: "error",
  message: `Invalid message format: ${detail}`,
});

const FEATURES: Partial<Record<ClientMessage["type"], string>> = {
  inject_suggestion: "suggestions",
  synthesize_text: "speech synthesis",
  claude_code_connect: "Claude Code sessions",
  claude_code_message: "Claude Code sessions",
  claude_code_disconnect: "Claude Code sessions",
  schedule_appointment: "calendar",
  get_calendar: "calendar",
  schedule_reminder: "reminders",
};

/** The `error` reply for a message the Rust supervisor knows but the dev supervisor does not implement. */
export function notImplemented(type: ClientMessage["type"]): Json {
  const feature = FEATURES[type] ?? type;
  return { type: "error", message: `Not implemented in the xswarm-dev supervisor: ${feature} (${type})` };
}

const WITH_MONITOR: readonly string[] = [...RUST_MESSAGE_TYPES, "monitor"];

/**
 * Parses a client message as the Rust server does, plus our `monitor` extension. Errors list only
 * the Rust variants, so that the wording of every other format error is the Rust server's own.
 */
export function parseIncoming(text: string): ReturnType<typeof parseClientMessage> {
  const result = parseClientMessage(text, RUST_MESSAGE_TYPES);
  if (!result.ok && result.detail.startsWith("unknown variant `monitor`"))
    return parseClientMessage(text, WITH_MONITOR);
  return result;
}
