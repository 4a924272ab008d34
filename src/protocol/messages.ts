import * as z from "zod";

/** How a field of a Rust message variant deserialises (PROTOCOL.md gives each field's Rust type). */
export type FieldKind =
  /** `String` */
  | "string"
  /** `Priority` with `#[serde(default)]`: `high`, `normal` (the default) or `low`; null is refused. */
  | "priority"
  /** `Option<String>` with `#[serde(default)]` */
  | "optionalString"
  /** `Option<serde_json::Value>` */
  | "optionalValue"
  /** `Option<i32>` */
  | "optionalI32";

export const PRIORITIES = ["high", "normal", "low"] as const;

/** The Rust `SupervisorMessage` variants in declaration order (serde lists them so), each field in order. */
export const RUST_VARIANTS = {
  auth: { token: "string" },
  inject_suggestion: { text: "string", priority: "priority" },
  synthesize_text: { text: "string", stream_sid: "optionalString" },
  sms_received: { from: "string", to: "string", message: "string", user: "string" },
  email_received: { from: "string", to: "string", subject: "string", body: "string", user: "string" },
  claude_code_connect: { session_id: "string", project_path: "string", user_id: "string" },
  claude_code_message: { session_id: "string", message: "string", context: "optionalValue" },
  claude_code_disconnect: { session_id: "string" },
  schedule_appointment: { user_id: "string", text: "string" },
  schedule_reminder: { user_id: "string", title: "string", due_time: "string", priority: "optionalI32" },
  get_calendar: { user_id: "string", period: "string" },
  ping: {},
} as const satisfies Record<string, Record<string, FieldKind>>;
export type RustMessageType = keyof typeof RUST_VARIANTS;
export const RUST_MESSAGE_TYPES = Object.keys(RUST_VARIANTS) as readonly RustMessageType[];

/**
 * Client -> supervisor messages, as the client builds them (validated before sending). The same Rust
 * types: an `Option` may be null or absent, `priority` of a reminder is an i32.
 */
const str = z.string();
const msg = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const AuthMessage = msg("auth", { token: str });
export const InjectSuggestionMessage = msg("inject_suggestion", {
  text: str,
  priority: z.enum(PRIORITIES).optional(),
});
export const SynthesizeTextMessage = msg("synthesize_text", { text: str, stream_sid: str.nullish() });
export const SmsReceivedMessage = msg("sms_received", { from: str, to: str, message: str, user: str });
export const EmailReceivedMessage = msg("email_received", {
  from: str,
  to: str,
  subject: str,
  body: str,
  user: str,
});
export const ClaudeCodeConnectMessage = msg("claude_code_connect", {
  session_id: str,
  project_path: str,
  user_id: str,
});
export const ClaudeCodeMessageMessage = msg("claude_code_message", {
  session_id: str,
  message: str,
  context: z.unknown().optional(),
});
export const ClaudeCodeDisconnectMessage = msg("claude_code_disconnect", { session_id: str });
export const ScheduleAppointmentMessage = msg("schedule_appointment", { user_id: str, text: str });
export const ScheduleReminderMessage = msg("schedule_reminder", {
  user_id: str,
  title: str,
  due_time: str,
  priority: z
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1)
    .nullish(),
});
export const GetCalendarMessage = msg("get_calendar", { user_id: str, period: str });
export const PingMessage = msg("ping", {});
/** Our extension: subscribe to the traffic feed. The Rust server answers it with a format error. */
export const MonitorMessage = msg("monitor", {});

/** Every message type the Rust supervisor knows, in its declaration order. */
export const RUST_MESSAGE_SCHEMAS = [
  AuthMessage,
  InjectSuggestionMessage,
  SynthesizeTextMessage,
  SmsReceivedMessage,
  EmailReceivedMessage,
  ClaudeCodeConnectMessage,
  ClaudeCodeMessageMessage,
  ClaudeCodeDisconnectMessage,
  ScheduleAppointmentMessage,
  ScheduleReminderMessage,
  GetCalendarMessage,
  PingMessage,
] as const;

export const ClientMessage = z.discriminatedUnion("type", [...RUST_MESSAGE_SCHEMAS, MonitorMessage]);

export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];
export type AuthMessage = z.infer<typeof AuthMessage>;
export type InjectSuggestionMessage = z.infer<typeof InjectSuggestionMessage>;
export type SmsReceivedMessage = z.infer<typeof SmsReceivedMessage>;
export type EmailReceivedMessage = z.infer<typeof EmailReceivedMessage>;

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
