import type { TrafficEntry } from "../../src/protocol/events.js";

let seq = 0;

/** A TrafficEntry for tests: numbered in order, at a fixed time unless given. */
export function trafficEntry(
  frame: Record<string, unknown> | null,
  extra: Partial<TrafficEntry> = {},
): TrafficEntry {
  seq += 1;
  return {
    seq,
    connection_id: "c1",
    direction: "in",
    time: "2025-01-15T10:30:00.000Z",
    frame,
    ...extra,
  };
}

export const sms = (message: string, user = "alice", extra: Partial<TrafficEntry> = {}) =>
  trafficEntry({ type: "sms_received", from: "+15551234567", to: "+15557654321", message, user }, extra);

export const ack = (replyTo: number, latencyMs: number, user = "alice") =>
  trafficEntry(
    { type: "message_acknowledged", message_type: "sms", user, timestamp: "2025-01-15T10:30:00.100Z" },
    { direction: "out", reply_to: replyTo, latency_ms: latencyMs },
  );

export const ping = () => trafficEntry({ type: "ping" });

export const broadcast = (text: string) =>
  trafficEntry({ type: "user_transcription", text, timestamp: "2025-01-15T10:30:00Z" }, { direction: "out" });
