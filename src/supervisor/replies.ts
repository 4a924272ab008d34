import { type ParsedClientMessage, parseClientMessage } from "../protocol/parse.js";

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

/**
 * Parses a client message as the Rust server does, plus our `monitor` extension (a unit variant that
 * errors never list, so that the wording of every other format error is the Rust server's own).
 */
export function parseIncoming(text: string): ParsedClientMessage {
  return parseClientMessage(text, ["monitor"]);
}
