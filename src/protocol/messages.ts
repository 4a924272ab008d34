import * as z from "zod";

/**
 * Client -> supervisor messages, as the Rust supervisor deserialises them
 * (serde, internally tagged on `type`, unknown extra fields ignored).
 */
const str = z.string();

export const AuthMessage = z.object({ type: z.literal("auth"), token: str });
export const PingMessage = z.object({ type: z.literal("ping") });
export const SmsReceivedMessage = z.object({
  type: z.literal("sms_received"),
  from: str,
  to: str,
  message: str,
  user: str,
});
export const EmailReceivedMessage = z.object({
  type: z.literal("email_received"),
  from: str,
  to: str,
  subject: str,
  body: str,
  user: str,
});
export const InjectSuggestionMessage = z.object({
  type: z.literal("inject_suggestion"),
  text: str,
  priority: z.enum(["high", "normal", "low"]).optional(),
});
export const SynthesizeTextMessage = z.object({
  type: z.literal("synthesize_text"),
  text: str,
  stream_sid: str.optional(),
});
export const ClaudeCodeConnectMessage = z.object({
  type: z.literal("claude_code_connect"),
  session_id: str,
  project_path: str,
  user_id: str,
});
export const ClaudeCodeMessageMessage = z.object({
  type: z.literal("claude_code_message"),
  session_id: str,
  message: str,
  context: z.unknown().optional(),
});
export const ClaudeCodeDisconnectMessage = z.object({
  type: z.literal("claude_code_disconnect"),
  session_id: str,
});
export const ScheduleAppointmentMessage = z.object({
  type: z.literal("schedule_appointment"),
  user_id: str,
  text: str,
});
export const ScheduleReminderMessage = z.object({
  type: z.literal("schedule_reminder"),
  user_id: str,
  title: str,
  due_time: str,
  priority: z.int().optional(),
});
export const GetCalendarMessage = z.object({
  type: z.literal("get_calendar"),
  user_id: str,
  period: z.enum(["today", "week", "month"]),
});
/** Our extension: subscribe to the traffic feed. The Rust server answers it with a format error. */
export const MonitorMessage = z.object({ type: z.literal("monitor") });

/** Every message type the Rust supervisor knows, in its declaration order. */
export const RUST_MESSAGE_SCHEMAS = [
  AuthMessage,
  PingMessage,
  SmsReceivedMessage,
  EmailReceivedMessage,
  InjectSuggestionMessage,
  SynthesizeTextMessage,
  ClaudeCodeConnectMessage,
  ClaudeCodeMessageMessage,
  ClaudeCodeDisconnectMessage,
  ScheduleAppointmentMessage,
  ScheduleReminderMessage,
  GetCalendarMessage,
] as const;

export const ClientMessage = z.discriminatedUnion("type", [...RUST_MESSAGE_SCHEMAS, MonitorMessage]);

export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];
export type AuthMessage = z.infer<typeof AuthMessage>;
export type SmsReceivedMessage = z.infer<typeof SmsReceivedMessage>;
export type EmailReceivedMessage = z.infer<typeof EmailReceivedMessage>;

export const RUST_MESSAGE_TYPES: readonly string[] = RUST_MESSAGE_SCHEMAS.map((s) => s.shape.type.value);

const required = (field: string) =>
  z.string({ error: (i) => (i.input === undefined ? `${field} is required` : `${field} must be a string`) });
const nonBlank = (field: string) =>
  required(field).refine((s) => s.trim().length > 0, `${field} must not be empty`);

/** What a caller of `sendSmsEvent` must give: every field a non-empty string. */
export const SmsEventInput = z.object({
  from: nonBlank("from"),
  to: nonBlank("to"),
  message: nonBlank("message"),
  user: nonBlank("user"),
});
/** What a caller of `sendEmailEvent` must give: every field a non-empty string. */
export const EmailEventInput = z.object({
  from: nonBlank("from"),
  to: nonBlank("to"),
  subject: nonBlank("subject"),
  body: nonBlank("body"),
  user: nonBlank("user"),
});
export type SmsEventInput = z.infer<typeof SmsEventInput>;
export type EmailEventInput = z.infer<typeof EmailEventInput>;
