/**
 * The client messages as the Rust supervisor declares them (PROTOCOL.md): the variant order, each
 * field's Rust type and a valid value. The corpus generator and the differential fuzz both start here.
 */

export type RustType = "String" | "Priority" | "Option<String>" | "Option<Value>" | "Option<i32>";

export interface FieldSpec {
  name: string;
  rust: RustType;
  /** A value serde accepts for the field. */
  valid: unknown;
}

export interface MessageSpec {
  type: string;
  fields: FieldSpec[];
}

const s = (name: string, valid: string): FieldSpec => ({ name, rust: "String", valid });

/** In declaration order: serde lists the variants in this order in `unknown variant` errors. */
export const MESSAGES: MessageSpec[] = [
  { type: "auth", fields: [s("token", "dev-token-12345")] },
  {
    type: "inject_suggestion",
    fields: [s("text", "Ask about the budget"), { name: "priority", rust: "Priority", valid: "high" }],
  },
  {
    type: "synthesize_text",
    fields: [s("text", "Hello there"), { name: "stream_sid", rust: "Option<String>", valid: "MZ123" }],
  },
  {
    type: "sms_received",
    fields: [
      s("from", "+15551234567"),
      s("to", "+15559876543"),
      s("message", "Hello boss"),
      s("user", "alice"),
    ],
  },
  {
    type: "email_received",
    fields: [
      s("from", "alice@example.com"),
      s("to", "boss@example.com"),
      s("subject", "Question"),
      s("body", "Can you help?"),
      s("user", "alice"),
    ],
  },
  {
    type: "claude_code_connect",
    fields: [s("session_id", "sess-1"), s("project_path", "/home/alice/app"), s("user_id", "u-1")],
  },
  {
    type: "claude_code_message",
    fields: [
      s("session_id", "sess-1"),
      s("message", "Run the tests"),
      { name: "context", rust: "Option<Value>", valid: { channel: "sms", n: [1, 2.5, null] } },
    ],
  },
  { type: "claude_code_disconnect", fields: [s("session_id", "sess-1")] },
  {
    type: "schedule_appointment",
    fields: [s("user_id", "u-1"), s("text", "Lunch with Bob tomorrow at noon")],
  },
  {
    type: "schedule_reminder",
    fields: [
      s("user_id", "u-1"),
      s("title", "Call Bob"),
      s("due_time", "2025-01-15T10:30:00Z"),
      { name: "priority", rust: "Option<i32>", valid: 2 },
    ],
  },
  { type: "get_calendar", fields: [s("user_id", "u-1"), s("period", "week")] },
  { type: "ping", fields: [] },
];

export const TOKEN = "dev-token-12345";
export const AUTH_OK = JSON.stringify({ type: "auth", token: TOKEN });
export const AUTH_BAD = JSON.stringify({ type: "auth", token: "wrong-token" });

/** A valid message of `spec`'s type with every field set, as an ordered list of entries. */
export function validEntries(spec: MessageSpec): [string, unknown][] {
  return [["type", spec.type], ...spec.fields.map((f): [string, unknown] => [f.name, f.valid])];
}

/** Writes an object from entries, keeping their order and any duplicate keys. */
export function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${valueText(v)}`).join(",")}}`;
}

/** A value as JSON text; a `Raw` is written as it is (numbers such as `1.0`, broken text). */
export function valueText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(valueText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return objectText(Object.entries(value));
  }
  return JSON.stringify(value);
}

/** JSON text that is written verbatim: `1.0` and `-0` and `1e400` lose their form in a JS number. */
export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string) => new Raw(text);
