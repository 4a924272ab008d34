import { ValidationError } from "../protocol/errors.js";

/** What an address check found: the trimmed address, or why it is not one. */
export type EmailCheck = { ok: true; value: string } | { ok: false; reason: string };

// Characters that cannot appear unquoted in an address; quoted local parts are not supported.
const FORBIDDEN = /[\s<>()[\]\\,;:"]/;

/** Checks a plain email address (`name@domain.tld`), with a reason a person can act on. */
export function checkEmail(raw: string): EmailCheck {
  const value = raw.trim();
  if (value === "") return { ok: false, reason: "must not be empty" };
  const shown = JSON.stringify(raw);
  const expected = "expected name@domain, e.g. bob@example.com";
  const at = value.lastIndexOf("@");
  if (at === -1) return { ok: false, reason: `${shown} is not an email address: no @ (${expected})` };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === "")
    return { ok: false, reason: `${shown} is not an email address: nothing before the @ (${expected})` };
  if (domain === "")
    return { ok: false, reason: `${shown} is not an email address: no domain after the @ (${expected})` };
  if (local.includes("@") || FORBIDDEN.test(value))
    return {
      ok: false,
      reason: `${shown} is not an email address: it holds a character that needs quoting (${expected})`,
    };
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((l) => l === "" || l.startsWith("-") || l.endsWith("-")))
    return {
      ok: false,
      reason: `${shown} is not an email address: ${JSON.stringify(domain)} is not a domain like example.com`,
    };
  if (local.startsWith(".") || local.endsWith(".") || local.includes(".."))
    return {
      ok: false,
      reason: `${shown} is not an email address: misplaced dot before the @ (${expected})`,
    };
  return { ok: true, value };
}

/** The address, trimmed, or a ValidationError naming `flag` (e.g. `--to`). */
export function validateEmail(raw: string, flag: string): string {
  const result = checkEmail(raw);
  if (result.ok) return result.value;
  throw new ValidationError("email address", [{ field: flag, message: `${flag}: ${result.reason}` }]);
}
