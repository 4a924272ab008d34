import type { LogRecord, Responder } from "../types.js";
import { acknowledge } from "./ack.js";

// PLACEHOLDER written by the supervisor helper so that responders/index.ts compiles.
// The tap helper owns this file and replaces it with the real Anthropic responder.

export const DEFAULT_CLAUDE_MODEL = "claude-sonnet-4-5";

export interface ClaudeResponderOptions {
  apiKey?: string;
  baseURL?: string;
  model?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (record: LogRecord) => void;
}

/** Placeholder: acknowledges every message, as the real responder does when it has no API key. */
export function createClaudeResponder(options: ClaudeResponderOptions = {}): Responder {
  options.log?.({ time: new Date().toISOString(), level: "warn", msg: "claude responder not built yet" });
  return { name: "claude", respond: async (message) => acknowledge(message) };
}
