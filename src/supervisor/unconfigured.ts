import type { Clock } from "../clock.js";
import type { ClientMessage } from "../protocol/messages.js";
import { rfc3339 } from "./time.js";

type Json = Record<string, unknown>;

/** A non-`high` suggestion within this long of the last accepted one is refused. */
export const SUGGESTION_INTERVAL_MS = 2000;
/** Suggestions wait for MOSHI in a queue of this many; without MOSHI nothing drains it. */
export const SUGGESTION_QUEUE = 5;
export const TTS_ERROR = "TTS model not yet integrated - requires separate MOSHI TTS model";
export const CLAUDE_CODE_OFF = "Claude Code integration not enabled";
export const SCHEDULER_PENDING = "Scheduler integration pending - will be implemented in Rust module";
export const CALENDAR_PENDING = "Calendar retrieval pending - will be implemented via server client";

/** A message that needs MOSHI, Claude Code or the scheduler. */
export type UnconfiguredMessage = Exclude<
  ClientMessage,
  { type: "auth" | "ping" | "sms_received" | "email_received" | "monitor" }
>;
export type UnconfiguredAnswer = (message: UnconfiguredMessage) => Json;

/**
 * Answers messages as the Rust supervisor does with no MOSHI, Claude Code or scheduler configured
 * (PROTOCOL.md). One per server: the suggestion clock (started now, as the Rust server's is at start)
 * and the queue are shared by all its connections.
 */
export function unconfiguredFeatures(clock: Clock): UnconfiguredAnswer {
  let lastSuggestion = clock.now();
  let queued = 0;
  const error = (message: string): Json => ({ type: "error", message });
  return (message) => {
    switch (message.type) {
      case "inject_suggestion": {
        const now = clock.now();
        if (message.priority !== "high" && now - lastSuggestion < SUGGESTION_INTERVAL_MS)
          return {
            type: "suggestion_rejected",
            reason: `Rate limited. Wait ${SUGGESTION_INTERVAL_MS} ms between suggestions.`,
          };
        // The Rust server restarts its clock before it looks at the queue: a refused one counts too.
        lastSuggestion = now;
        if (queued >= SUGGESTION_QUEUE)
          return { type: "suggestion_rejected", reason: `Queue full (${queued}/${SUGGESTION_QUEUE})` };
        queued += 1;
        return { type: "suggestion_applied", text: message.text, timestamp: rfc3339(new Date(now)) };
      }
      case "synthesize_text":
        return {
          type: "synthesis_failed",
          text: message.text,
          error: TTS_ERROR,
          timestamp: rfc3339(new Date(clock.now())),
        };
      case "claude_code_connect":
      case "claude_code_message":
      case "claude_code_disconnect":
        return error(CLAUDE_CODE_OFF);
      case "schedule_appointment":
      case "schedule_reminder":
        return error(SCHEDULER_PENDING);
      case "get_calendar":
        return error(CALENDAR_PENDING);
    }
  };
}
