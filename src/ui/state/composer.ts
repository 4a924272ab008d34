import { DEMO_IDENTITY } from "../../config/demo.js";
import type { EmailEventInput, SmsEventInput } from "../../protocol/messages.js";
import { checkEmail } from "../../send/email.js";
import { checkPhone } from "../../send/phone.js";
import { applyEdit, type EditOp, endOf } from "./line-editor.js";

export type ComposerKind = "sms" | "email";

export const SMS_FIELDS = ["from", "to", "user", "message"] as const;
export const EMAIL_FIELDS = ["from", "to", "user", "subject", "body"] as const;

export type SmsField = (typeof SMS_FIELDS)[number];
export type EmailField = (typeof EMAIL_FIELDS)[number];
export type ComposerField = SmsField | EmailField;

/** What the forms start with: the configuration's defaults, then whatever was last sent. */
export interface ComposerMemory {
  sms: Partial<Record<SmsField, string>>;
  email: Partial<Record<EmailField, string>>;
}

export interface ComposerState {
  kind: ComposerKind;
  values: Partial<Record<ComposerField, string>>;
  /** Index into the kind's field list. */
  focus: number;
  /** The cursor in the focused field, in graphemes. */
  cursor: number;
  /** Inline errors by field; empty when none. */
  errors: Partial<Record<ComposerField, string>>;
  status: "editing" | "sending";
  /** Why the last send failed (connection, supervisor error), shown under the form. */
  failure?: string;
}

export type ValidatedRequest =
  | { kind: "sms"; input: SmsEventInput }
  | { kind: "email"; input: EmailEventInput };

export function fieldsOf(kind: ComposerKind): readonly ComposerField[] {
  return kind === "sms" ? SMS_FIELDS : EMAIL_FIELDS;
}

/** The fields that hold the message itself (the rest are addresses and the user). */
export const TEXT_FIELDS: Record<ComposerKind, readonly ComposerField[]> = {
  sms: ["message"],
  email: ["subject", "body"],
};

/**
 * Opens a form pre-filled with `values` (the remembered addresses, or a whole event to edit),
 * focused on the first empty field (else the message), the cursor at its end.
 */
export function openComposer(
  kind: ComposerKind,
  memory: ComposerMemory,
  prefill?: Partial<Record<ComposerField, string>>,
): ComposerState {
  const values: Partial<Record<ComposerField, string>> = prefill ? { ...prefill } : { ...memory[kind] };
  const fields = fieldsOf(kind);
  const firstEmpty = fields.findIndex((f) => !values[f]);
  const text = fields.indexOf(kind === "sms" ? "message" : "subject");
  const focus = firstEmpty === -1 ? text : firstEmpty;
  const cursor = endOf(values[fields[focus] ?? "from"] ?? "");
  return { kind, values, focus, cursor, errors: {}, status: "editing" };
}

export function focusedField(state: ComposerState): ComposerField {
  const fields = fieldsOf(state.kind);
  return fields[state.focus] ?? fields[0] ?? "from";
}

/** True for the email body, the one field that holds several lines. */
export function isMultiline(state: ComposerState): boolean {
  return focusedField(state) === "body";
}

/** Applies a line-editor operation to the focused field; its error goes once it is edited. */
export function editField(state: ComposerState, op: EditOp): ComposerState {
  const field = focusedField(state);
  const next = applyEdit({ text: state.values[field] ?? "", cursor: state.cursor }, op);
  const changed = next.text !== (state.values[field] ?? "");
  const { [field]: _cleared, ...errors } = state.errors;
  return {
    ...state,
    values: { ...state.values, [field]: next.text },
    cursor: next.cursor,
    errors: changed ? errors : state.errors,
  };
}

/**
 * Types (or pastes) text at the cursor. Line breaks are kept in the email body and become spaces
 * elsewhere (a one-line field, where Enter sends).
 */
export function typeInto(state: ComposerState, text: string): ComposerState {
  const clean = isMultiline(state) ? text.replace(/\r\n?/g, "\n") : text.replace(/\s*[\r\n]+\s*/g, " ");
  return editField(state, { kind: "insert", text: clean });
}

export function backspace(state: ComposerState): ComposerState {
  return editField(state, { kind: "backspace" });
}

export function moveFocus(state: ComposerState, delta: number): ComposerState {
  const fields = fieldsOf(state.kind);
  const focus = (state.focus + delta + fields.length) % fields.length;
  return { ...state, focus, cursor: endOf(state.values[fields[focus] ?? "from"] ?? "") };
}

const required = (value: string | undefined, what: string): string | undefined =>
  value === undefined || value.trim() === "" ? `${what} must not be empty` : undefined;

/**
 * Validates the form with the send commands' rules: phone numbers to E.164, addresses checked,
 * text fields not empty. Returns the request to send, or the errors by field.
 */
export function validateComposer(
  state: ComposerState,
): { ok: true; request: ValidatedRequest } | { ok: false; errors: Partial<Record<ComposerField, string>> } {
  const v = state.values;
  const errors: Partial<Record<ComposerField, string>> = {};
  const check = state.kind === "sms" ? checkPhone : checkEmail;
  const from = check(v.from ?? "");
  const to = check(v.to ?? "");
  if (!from.ok) errors.from = from.reason;
  if (!to.ok) errors.to = to.reason;
  const user = required(v.user, "user");
  if (user) errors.user = user;
  const textFields: readonly ComposerField[] = state.kind === "sms" ? ["message"] : ["subject", "body"];
  for (const field of textFields) {
    const problem = required(v[field], field);
    if (problem) errors[field] = problem;
  }
  if (Object.keys(errors).length > 0 || !from.ok || !to.ok) return { ok: false, errors };
  const base = { from: from.value, to: to.value, user: (v.user ?? "").trim() };
  if (state.kind === "sms")
    return { ok: true, request: { kind: "sms", input: { ...base, message: v.message ?? "" } } };
  return {
    ok: true,
    request: { kind: "email", input: { ...base, subject: v.subject ?? "", body: v.body ?? "" } },
  };
}

/**
 * Remembers the addresses and the user of what was sent, so that the next form starts with them;
 * the message itself starts empty (typing must not go onto the end of the last one).
 */
export function remember(memory: ComposerMemory, request: ValidatedRequest): ComposerMemory {
  const { from, to, user } = request.input;
  return { ...memory, [request.kind]: { from, to, user } };
}

/** Example values for a form field nobody configured: the CLI's demo identity. */
export const DEMO_MEMORY: ComposerMemory = {
  sms: { from: DEMO_IDENTITY.fromPhone, to: DEMO_IDENTITY.toPhone, user: DEMO_IDENTITY.user },
  email: { from: DEMO_IDENTITY.fromEmail, to: DEMO_IDENTITY.toEmail, user: DEMO_IDENTITY.user },
};

/** What the forms start with: XSWARM_FROM_PHONE, XSWARM_TO_PHONE, … or the profile, else DEMO_MEMORY. */
export function memoryFromConfig(config: {
  fromPhone?: string;
  toPhone?: string;
  fromEmail?: string;
  toEmail?: string;
  user?: string;
}): ComposerMemory {
  return {
    sms: {
      from: config.fromPhone ?? DEMO_MEMORY.sms.from,
      to: config.toPhone ?? DEMO_MEMORY.sms.to,
      user: config.user ?? DEMO_MEMORY.sms.user,
    },
    email: {
      from: config.fromEmail ?? DEMO_MEMORY.email.from,
      to: config.toEmail ?? DEMO_MEMORY.email.to,
      user: config.user ?? DEMO_MEMORY.email.user,
    },
  };
}
