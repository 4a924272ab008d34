import * as z from "zod";
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

const present = (label: FieldLabel) =>
  z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${label.flag} is required${label.whenMissing ? `: ${label.whenMissing}` : ""}`
        : `${name(label)} must be text`,
  });

const nonBlank = (label: FieldLabel) =>
  present(label).refine((s) => s.trim().length > 0, `${name(label)} must not be empty`);

const checked = (
  label: FieldLabel,
  check: (raw: string) => { ok: true; value: string } | { ok: false; reason: string },
) =>
  present(label).transform((raw, ctx) => {
    const result = check(raw);
    if (result.ok) return result.value;
    ctx.addIssue(`${name(label)}: ${result.reason}`);
    return z.NEVER;
  });

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  labels: Record<string, FieldLabel>,
) {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<S>;
  const issues = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    return { field: labels[key]?.flag ?? key, message: issue.message };
  });
  throw new ValidationError(what, issues);
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
  const schema = z.object({
    from: checked(labels.from, checkPhone),
    to: checked(labels.to, checkPhone),
    message: nonBlank(labels.message),
    user: nonBlank(labels.user),
  });
  return parse(schema, fields, "SMS input", labels);
}

/** Validates the email fields: addresses checked, subject, body and user not empty. */
export function parseEmailInput(fields: EmailFields, labels: Labels<keyof EmailEventInput>): EmailEventInput {
  const schema = z.object({
    from: checked(labels.from, checkEmail),
    to: checked(labels.to, checkEmail),
    subject: nonBlank(labels.subject),
    body: nonBlank(labels.body),
    user: nonBlank(labels.user),
  });
  return parse(schema, fields, "email input", labels);
}
