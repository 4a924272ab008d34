// The Rust variants as plain data, without zod: the supervisor's parser (tagged.ts) needs only this.

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
