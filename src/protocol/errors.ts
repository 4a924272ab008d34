import type { z } from "zod";
import type { ErrorCode } from "../errors.js";

export type { ErrorCode } from "../errors.js";

/**
 * Base class of every error xswarm-dev raises on purpose: a stable `code` (one of the table in
 * `src/errors.ts`, which gives its exit code) and a `hint` a person can act on.
 */
export class XswarmError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `message`; empty for the value as a whole. */
  field: string;
  message: string;
}

/** The hint of a ValidationError unless another is given. */
export const FIELD_HINT = "Fix the field named above; nothing was sent.";

/**
 * Input that does not fit the protocol. Nothing was sent. `field` names the first offending field.
 * `hint` replaces FIELD_HINT, e.g. for a command's options.
 */
export class ValidationError extends XswarmError {
  readonly issues: FieldIssue[];
  readonly field: string;

  constructor(what: string, issues: FieldIssue[], hint: string = FIELD_HINT) {
    const list = issues.map((i) =>
      i.message.startsWith(i.field) ? i.message : `${i.field || what}: ${i.message}`,
    );
    super("invalid_input", `Invalid ${what}: ${list.join("; ")}`, hint);
    this.issues = issues;
    this.field = issues[0]?.field ?? "";
  }
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));
}

/** Parses `value` with `schema`, or throws a ValidationError that names each bad field (with `hint`, if given). */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  hint?: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(what, fieldIssues(result.error), hint);
  return result.data;
}
