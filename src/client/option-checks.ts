import type { FieldIssue } from "../protocol/errors.js";

// The client's option schema checked by hand, with zod 4's own wording (test/client/option-checks.test.ts
// compares them): importing zod took ~19 ms of every `send-sms` / `doctor` start-up.

/** zod's name for what it got (util.parsedType and the en locale's getTypeName). */
function received(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? "number" : String(value);
  if (typeof value !== "object") return typeof value;
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const proto = Object.getPrototypeOf(value);
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return proto !== Object.prototype && "constructor" in value && ctor ? String(ctor.name) : "object";
}

const typeIssue = (expected: string, value: unknown): string =>
  `Invalid input: expected ${expected}, received ${received(value)}`;

type Check = (value: unknown) => string[];

const str: Check = (v) => (typeof v === "string" ? [] : [typeIssue("string", v)]);
const bool: Check = (v) => (typeof v === "boolean" ? [] : [typeIssue("boolean", v)]);
/** `z.number()` (which refuses NaN and ±Infinity) with `.positive()` or `.nonnegative()`. */
const num =
  (strict: boolean): Check =>
  (v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return [typeIssue("number", v)];
    if (strict ? v > 0 : v >= 0) return [];
    return [`Too small: expected number to be ${strict ? ">0" : ">=0"}`];
  };
/** `z.int().nonnegative()`. */
const nonNegativeInt: Check = (v) => {
  if (typeof v !== "number" || !Number.isFinite(v)) return [typeIssue("number", v)];
  if (!Number.isInteger(v)) return [typeIssue("int", v)];
  const issues: string[] = [];
  if (v > Number.MAX_SAFE_INTEGER) issues.push(`Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
  if (v < Number.MIN_SAFE_INTEGER) issues.push(`Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
  if (v < 0) issues.push("Too small: expected number to be >=0");
  return issues;
};

type Shape = readonly (readonly [string, Check | Shape])[];

const SHAPE: Shape = [
  ["url", str],
  ["authToken", str],
  ["requestTimeoutMs", num(true)],
  ["connectTimeoutMs", num(true)],
  ["heartbeatIntervalMs", num(false)],
  ["heartbeatTimeoutMs", num(true)],
  [
    "reconnect",
    [
      ["baseDelayMs", num(false)],
      ["maxDelayMs", num(false)],
      ["maxAttempts", num(false)],
    ],
  ],
  ["retryFirstConnection", bool],
  [
    "queue",
    [
      ["maxMessages", nonNegativeInt],
      ["maxBytes", nonNegativeInt],
    ],
  ],
];

/** Every issue of `value` against `shape` (optional fields, unknown keys ignored), in zod's order. */
function objectIssues(shape: Shape, value: Record<string, unknown>, path: string, out: FieldIssue[]): void {
  for (const [key, check] of shape) {
    const v = value[key];
    if (v === undefined) continue;
    const field = path === "" ? key : `${path}.${key}`;
    if (typeof check === "function") {
      for (const message of check(v)) out.push({ field, message });
    } else if (typeof v !== "object" || v === null || Array.isArray(v)) {
      out.push({ field, message: typeIssue("object", v) });
    } else objectIssues(check, v as Record<string, unknown>, field, out);
  }
}

/** What zod's `NumericOptions` schema would report of the client's plain options (none when valid). */
export function optionIssues(options: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  objectIssues(SHAPE, options, "", issues);
  return issues;
}
