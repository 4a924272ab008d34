import { ValidationError } from "../protocol/errors.js";
import type { EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { checkEmail } from "./email.js";
import { checkPhone } from "./phone.js";

/** How a field is named in errors: the flag, where the value came from, and how to give one. */
export interface FieldLabel {
  /** The flag or argument, e.g. `--from` or `[text]`. */
  flag: string;
  /** Where the value came from when it was not the flag, e.g. `XSWARM_FROM_PHONE`. */
  source?: string;
  /** Said when the value is missing, e.g. `pass --from <phone> or set XSWARM_FROM_PHONE`. */
  whenMissing?: string;
}

export type Labels<K extends string> = Record<K, FieldLabel>;

/** Load-mode flags after validation. */
export interface LoadOptions {
  count: number;
  concurrency: number;
  /** At most this many events a second; undefined for no limit. */
  rate?: number;
}

const name = (label: FieldLabel) => (label.source ? `${label.flag} (from ${label.source})` : label.flag);

// Written without zod (this is on every send's load path), with the messages the zod schemas had.
type Checked = { ok: true; value: string } | { ok: false; message: string };
type FieldCheck = (value: unknown, label: FieldLabel) => Checked;

/** A string is there: "is required" when missing, "must be text" when not a string. */
function present(value: unknown, label: FieldLabel): Checked | undefined {
  if (typeof value === "string") return undefined;
  return {
    ok: false,
    message:
      value === undefined
        ? `${label.flag} is required${label.whenMissing ? `: ${label.whenMissing}` : ""}`
        : `${name(label)} must be text`,
  };
}

const nonBlank: FieldCheck = (value, label) =>
  present(value, label) ??
  ((value as string).trim().length > 0
    ? { ok: true, value: value as string }
    : { ok: false, message: `${name(label)} must not be empty` });

const checked =
  (check: (raw: string) => { ok: true; value: string } | { ok: false; reason: string }): FieldCheck =>
  (value, label) => {
    const missing = present(value, label);
    if (missing) return missing;
    const result = check(value as string);
    return result.ok ? result : { ok: false, message: `${name(label)}: ${result.reason}` };
  };

/** Each field by its check, in this order; every bad field named in one ValidationError. */
function parse<K extends string>(
  checks: Record<K, FieldCheck>,
  fields: Partial<Record<K, string>>,
  what: string,
  labels: Labels<K>,
): Record<K, string> {
  const values = {} as Record<K, string>;
  const issues: { field: string; message: string }[] = [];
  for (const key of Object.keys(checks) as K[]) {
    const result = checks[key](fields[key], labels[key]);
    if (result.ok) values[key] = result.value;
    else issues.push({ field: labels[key].flag, message: result.message });
  }
  if (issues.length > 0) throw new ValidationError(what, issues);
  return values;
}

/** Raw SMS fields, before validation: from flags, stdin or configuration defaults. */
export type SmsFields = Partial<Record<keyof SmsEventInput, string>>;
/** Raw email fields, before validation. */
export type EmailFields = Partial<Record<keyof EmailEventInput, string>>;

/**
 * Validates the SMS fields into what is sent: numbers in E.164 form, message and user not empty.
 * Throws a ValidationError whose `field` is the flag (from `labels`).
 */
export function parseSmsInput(fields: SmsFields, labels: Labels<keyof SmsEventInput>): SmsEventInput {
  const checks = { from: checked(checkPhone), to: checked(checkPhone), message: nonBlank, user: nonBlank };
  return parse(checks, fields, "SMS input", labels);
}

/** Validates the email fields: addresses checked, subject, body and user not empty. */
export function parseEmailInput(fields: EmailFields, labels: Labels<keyof EmailEventInput>): EmailEventInput {
  const checks = {
    from: checked(checkEmail),
    to: checked(checkEmail),
    subject: nonBlank,
    body: nonBlank,
    user: nonBlank,
  };
  return parse(checks, fields, "email input", labels);
}
