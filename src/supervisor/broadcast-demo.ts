import { rfc3339 } from "./time.js";

type Json = Record<string, unknown>;

const DEMO: ((timestamp: string) => Json)[] = [
  (timestamp) => ({
    type: "synthesis_started",
    text: "Good morning! You have two meetings today.",
    timestamp,
  }),
  (timestamp) => ({ type: "user_speech", duration_ms: 1840, timestamp }),
  (timestamp) => ({ type: "user_transcription", text: "What's on my calendar today?", timestamp }),
  (timestamp) => ({
    type: "reminder_due",
    reminder_id: "rem-demo-1",
    appointment_id: "apt-demo-1",
    user_id: "demo",
    method: "sms",
    message: "Standup in 15 minutes",
    timestamp,
  }),
  (timestamp) => ({ type: "reminder_sent", reminder_id: "rem-demo-1", method: "sms", timestamp }),
  (timestamp) => ({
    type: "reminder_failed",
    reminder_id: "rem-demo-2",
    method: "email",
    error: "SendGrid answered 503 (demo)",
    timestamp,
  }),
];

/** The n-th demo broadcast: PROTOCOL.md's broadcast events, in turn. */
export function demoBroadcast(n: number, now: Date = new Date()): Json {
  const make = DEMO[n % DEMO.length] as (timestamp: string) => Json;
  return make(rfc3339(now));
}

/** Calls `send` with the next demo broadcast every `intervalMs`; returns the stop function. */
export function startBroadcastDemo(send: (event: Json) => void, intervalMs: number): () => void {
  let n = 0;
  const timer = setInterval(() => send(demoBroadcast(n++)), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
