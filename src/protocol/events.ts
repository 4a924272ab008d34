import * as z from "zod";
import { BROADCAST_TYPE_NAMES, REPLY_TYPE_NAMES } from "./frame.js";

/**
 * Supervisor -> client events. Objects are loose: fields a newer server adds are kept,
 * so that what a person sees is what came over the wire.
 */
const str = z.string();
const int = z.int();
/** A Rust `u64`: past 2^53 JSON.parse rounds it, but it is still a whole number the server can send. */
const u64 = z.number().refine((n) => Number.isInteger(n) && n >= 0 && n <= 2 ** 64, "expected a u64");
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), ...shape });

export const AuthResultEvent = ev("auth_result", { success: z.boolean(), message: str });
export const PongEvent = ev("pong", {});
export const ErrorEvent = ev("error", { message: str });
export const MessageAcknowledgedEvent = ev("message_acknowledged", {
  message_type: z.enum(["sms", "email"]),
  user: str,
  timestamp: str,
});
export const SendSmsResponseEvent = ev("send_sms_response", { to: str, message: str, user: str });
export const SendEmailResponseEvent = ev("send_email_response", {
  to: str,
  subject: str,
  body: str,
  user: str,
});
export const SuggestionAppliedEvent = ev("suggestion_applied", { text: str, timestamp: str });
export const SuggestionRejectedEvent = ev("suggestion_rejected", { reason: str });
export const SynthesisStartedEvent = ev("synthesis_started", { text: str, timestamp: str });
export const SynthesisCompleteEvent = ev("synthesis_complete", {
  text: str,
  duration_ms: u64,
  timestamp: str,
});
export const SynthesisFailedEvent = ev("synthesis_failed", { text: str, error: str, timestamp: str });
export const ClaudeCodeConnectedEvent = ev("claude_code_connected", {
  session_id: str,
  status: str,
  timestamp: str,
});
export const ClaudeCodeResponseEvent = ev("claude_code_response", {
  session_id: str,
  message_id: str,
  content: str,
  // An Option<f64>: absent, a number, or null (serde_json writes a NaN or infinite f64 as null).
  cost_usd: z.number().nullish(),
  timestamp: str,
});
export const ClaudeCodeDisconnectedEvent = ev("claude_code_disconnected", {
  session_id: str,
  reason: str,
  timestamp: str,
});
export const AppointmentScheduledEvent = ev("appointment_scheduled", {
  appointment_id: str,
  title: str,
  start_time: str,
  end_time: str,
  timestamp: str,
});
export const ReminderCreatedEvent = ev("reminder_created", {
  reminder_id: str,
  title: str,
  due_time: str,
  timestamp: str,
});
export const CalendarRetrievedEvent = ev("calendar_retrieved", {
  period: str,
  appointments: z.array(z.unknown()),
  timestamp: str,
});
export const UserSpeechEvent = ev("user_speech", { duration_ms: u64, timestamp: str });
export const UserTranscriptionEvent = ev("user_transcription", { text: str, timestamp: str });
export const ReminderDueEvent = ev("reminder_due", {
  reminder_id: str,
  appointment_id: str,
  user_id: str,
  method: str,
  message: str,
  timestamp: str,
});
export const ReminderSentEvent = ev("reminder_sent", { reminder_id: str, method: str, timestamp: str });
export const ReminderFailedEvent = ev("reminder_failed", {
  reminder_id: str,
  method: str,
  error: str,
  timestamp: str,
});

/** Our extension: the reply to `monitor`. */
export const MonitorStartedEvent = ev("monitor_started", {});

/** Direction of a frame, seen from the supervisor: `in` = client -> supervisor, `out` = supervisor -> client. */
export const Direction = z.enum(["in", "out"]);
export type Direction = z.infer<typeof Direction>;

/**
 * One frame of supervisor traffic. The in-process feed publishes these, `--record` writes them as
 * JSON lines, and `monitor` subscribers receive them wrapped as `{"type":"traffic", ...}`.
 */
export const TrafficEntry = z.object({
  /** Increasing number within one supervisor or tap run. */
  seq: int,
  /** Which client connection, e.g. `c3`. */
  connection_id: str,
  direction: Direction,
  /** RFC 3339 time the frame was seen. */
  time: str,
  /** The frame as a JSON object, or null when it was not a JSON object (see `raw`) or binary. */
  // z.custom, not z.record: a record drops a `__proto__` key, and the feed must show every key a client sent.
  frame: z
    .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v))
    .nullable(),
  /** The text of a frame that was not a JSON object (cut to 1,000 characters). */
  raw: str.optional(),
  /** Size of a binary frame, in bytes. */
  binary_bytes: int.optional(),
  /** For a reply: the `seq` of the request it answers. */
  reply_to: int.optional(),
  /** For a reply: milliseconds since its request arrived. */
  latency_ms: z.number().optional(),
  /**
   * Set on an entry that is no frame but a client connecting (`open`) or going (`close`); such an
   * entry has `frame: null` and `direction: "in"`, so readers that predate it see an empty frame.
   */
  event: z.enum(["open", "close"]).optional(),
  /** For `open`: the client's address, `ip:port`. */
  address: str.optional(),
  /** For `close`: the WebSocket close code and reason, and how long the connection lived. */
  close_code: int.optional(),
  close_reason: str.optional(),
  duration_ms: z.number().optional(),
});
export type TrafficEntry = z.infer<typeof TrafficEntry>;

/** Our extension: a copy of one frame of traffic, sent to `monitor` subscribers. */
export const TrafficEvent = z.looseObject({ type: z.literal("traffic"), ...TrafficEntry.shape });

export const REPLY_SCHEMAS = [
  AuthResultEvent,
  PongEvent,
  ErrorEvent,
  MessageAcknowledgedEvent,
  SendSmsResponseEvent,
  SendEmailResponseEvent,
  SuggestionAppliedEvent,
  SuggestionRejectedEvent,
  SynthesisCompleteEvent,
  SynthesisFailedEvent,
  ClaudeCodeConnectedEvent,
  ClaudeCodeResponseEvent,
  ClaudeCodeDisconnectedEvent,
  AppointmentScheduledEvent,
  ReminderCreatedEvent,
  CalendarRetrievedEvent,
  MonitorStartedEvent,
] as const;

export const BROADCAST_SCHEMAS = [
  SynthesisStartedEvent,
  UserSpeechEvent,
  UserTranscriptionEvent,
  ReminderDueEvent,
  ReminderSentEvent,
  ReminderFailedEvent,
  TrafficEvent,
] as const;

export const ServerEvent = z.discriminatedUnion("type", [...REPLY_SCHEMAS, ...BROADCAST_SCHEMAS]);
export type ServerEvent = z.infer<typeof ServerEvent>;
export type ServerEventType = ServerEvent["type"];
export type EventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

export type AuthResultEvent = z.infer<typeof AuthResultEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;
export type MessageAcknowledgedEvent = z.infer<typeof MessageAcknowledgedEvent>;
export type SendSmsResponseEvent = z.infer<typeof SendSmsResponseEvent>;
export type SendEmailResponseEvent = z.infer<typeof SendEmailResponseEvent>;
export type TrafficEvent = z.infer<typeof TrafficEvent>;

/** What `sendSmsEvent` resolves with. */
export type SmsReply = MessageAcknowledgedEvent | SendSmsResponseEvent;
/** What `sendEmailEvent` resolves with. */
export type EmailReply = MessageAcknowledgedEvent | SendEmailResponseEvent;

export type EventKind = "reply" | "broadcast";

// One list of the names, in frame.ts (the client reads frames without zod); test/protocol/frame.test.ts
// holds it to the schemas above.
export const REPLY_TYPES: ReadonlySet<string> = REPLY_TYPE_NAMES;
export const BROADCAST_TYPES: ReadonlySet<string> = BROADCAST_TYPE_NAMES;

/** Classifies an event type as PROTOCOL.md does; `undefined` for a type nobody knows. */
export function eventKind(type: string): EventKind | undefined {
  if (REPLY_TYPES.has(type)) return "reply";
  if (BROADCAST_TYPES.has(type)) return "broadcast";
  return undefined;
}
