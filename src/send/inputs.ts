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

const wholeNumber = (flag: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${flag} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${flag} must be between ${min} and ${max}`);

/** The load-mode flags (`--count`, `--concurrency`, `--rate`, as given on the command line). */
export function parseLoadOptions(flags: {
  count?: string;
  concurrency?: string;
  rate?: string;
}): LoadOptions {
  const schema = z.object({
    count: wholeNumber("--count", 1, 1_000_000).default(1),
    concurrency: wholeNumber("--concurrency", 1, 10_000).default(1),
    rate: z
      .string()
      .regex(/^\d+(\.\d+)?$/, "--rate must be a number of events a second")
      .transform(Number)
      .refine((n) => n > 0, "--rate must be above 0")
      .optional(),
  });
  const labels = {
    count: { flag: "--count" },
    concurrency: { flag: "--concurrency" },
    rate: { flag: "--rate" },
  };
  const parsed = parse(schema, flags, "load options", labels);
  return { ...parsed, concurrency: Math.min(parsed.concurrency, parsed.count) };
}
