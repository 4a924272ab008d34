import { ValidationError } from "../protocol/errors.js";

/** What a phone check found: the E.164 number, or why the input is not one. */
export type PhoneCheck = { ok: true; value: string } | { ok: false; reason: string };

const SEPARATORS = /[\s\-.()]/g;
const E164 = /^\+\d{8,15}$/;

/**
 * Reads a phone number leniently, as the Node.js webhook does: spaces, dashes, dots and
 * parentheses are stripped. The result must be E.164: `+` and 8 to 15 digits.
 */
export function checkPhone(raw: string): PhoneCheck {
  const value = raw.replace(SEPARATORS, "");
  if (value === "") return { ok: false, reason: "must not be empty" };
  if (E164.test(value)) return { ok: true, value };
  const shown = JSON.stringify(raw);
  if (!value.startsWith("+"))
    return { ok: false, reason: `${shown} must start with + and the country code, e.g. +15551234567` };
  if (/[^\d]/.test(value.slice(1)))
    return {
      ok: false,
      reason: `${shown} may hold only digits after the + (spaces, dashes, dots and parentheses are ignored)`,
    };
  const digits = value.length - 1;
  return {
    ok: false,
    reason: `${shown} has ${digits} digit${digits === 1 ? "" : "s"}; an E.164 number has 8 to 15 after the +`,
  };
}

/** The E.164 form of `raw`, or a ValidationError naming `flag` (e.g. `--from`). */
export function normalisePhone(raw: string, flag: string): string {
  const result = checkPhone(raw);
  if (result.ok) return result.value;
  throw new ValidationError("phone number", [{ field: flag, message: `${flag}: ${result.reason}` }]);
}
