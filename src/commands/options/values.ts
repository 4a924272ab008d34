import type { Check } from "./define.js";

// The one way option values are checked. Messages leave out the flag: parseOptions puts it in front.
// Written without zod, with zod's wording for its own messages (test/commands/option-values.test.ts
// holds them to zod), so that `--help` and every command's start do not load zod (~35 ms of the
// CLI's start-up under load).

type Result<T> = ReturnType<Check<T>["safeParse"]>;

const ok = <T>(data: T): Result<T> => ({ success: true, data });
const fail = <T>(message: string): Result<T> => ({ success: false, error: { issues: [{ message }] } });

/** How zod names a value's type in "expected string, received …". */
function received(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

const expected = (type: string, value: unknown) =>
  `Invalid input: expected ${type}, received ${received(value)}`;

const check = <T>(safeParse: (value: unknown) => Result<T>): Check<T> => ({ safeParse });

/** A string, then `then` on it. */
const string = <T>(then: (value: string) => Result<T>): Check<T> =>
  check((value) => (typeof value === "string" ? then(value) : fail(expected("string", value))));

/** A switch: commander gives true (or false for `--no-…`). */
export const flag = (): Check<boolean> =>
  check((value) => (typeof value === "boolean" ? ok(value) : fail(expected("boolean", value))));

/** Text that must not be blank. */
export const text = (): Check<string> =>
  string((value) => {
    const trimmed = value.trim();
    return trimmed.length >= 1 ? ok(trimmed) : fail("must not be empty");
  });

/** A file path (`-` is left to the command to read as stdin). */
export const path = (): Check<string> =>
  string((value) => (value.length >= 1 ? ok(value) : fail("must name a file")));

/** A whole number in `min..max`, given as digits. */
export const wholeNumber = (min: number, max: number): Check<number> => {
  const message = `must be a whole number from ${min} to ${max}`;
  return string((value) => {
    if (!/^\s*\d+\s*$/.test(value)) return fail(message);
    const n = Number(value);
    return n >= min && n <= max ? ok(n) : fail(message);
  });
};

/** A TCP port; 0 asks the system for a free one. */
export const port = () => wholeNumber(0, 65535);

const DECIMAL = /^\s*\d+(\.\d+)?\s*$/;

/** A number above 0 (a rate). */
export const positiveNumber = (what: string): Check<number> =>
  string((value) => {
    if (!DECIMAL.test(value)) return fail(`must be ${what}`);
    const n = Number(value);
    return n > 0 ? ok(n) : fail("must be above 0");
  });

/** A number from 0 up (a speed factor). */
export const nonNegativeNumber = (what: string): Check<number> =>
  string((value) => (DECIMAL.test(value) ? ok(Number(value)) : fail(`must be ${what}`)));

/** One of a fixed list of names. */
export const oneOf = <const T extends string>(names: readonly T[]): Check<T> => {
  const message = `must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return string((value) => ((names as readonly string[]).includes(value) ? ok(value as T) : fail(message)));
};

/** A ws:// or wss:// URL. */
export const wsUrl = (): Check<string> =>
  string((value) => {
    try {
      const { protocol } = new URL(value);
      if (protocol === "ws:" || protocol === "wss:") return ok(value);
    } catch {
      // Not a URL at all: the same message.
    }
    return fail("must be a ws:// or wss:// URL");
  });

/** A field of the event being sent: checked with the event, where its source (flag, env, profile) is known. */
export const eventField = (): Check<string> => string(ok);

/** A file path, or false for its `--no-…` negation. */
export const pathOrOff = (): Check<string | false> => {
  const file = path();
  return check((value) => {
    if (value === false) return ok(false);
    // As zod's union: a string's own issue, "Invalid input" for any other type.
    if (typeof value === "string") return file.safeParse(value);
    return fail("Invalid input");
  });
};

/** An http:// or https:// URL (a webhook). */
export const httpUrl = (): Check<string> =>
  string((value) => {
    try {
      const { protocol } = new URL(value);
      if (protocol === "http:" || protocol === "https:") return ok(value);
    } catch {
      // Not a URL at all: the same message.
    }
    return fail("must be an http:// or https:// URL, e.g. http://127.0.0.1:8787/sms/inbound");
  });

/** Each element by `element`, as zod's array: the first element's issue stands for the whole. */
const array = <T>(element: Check<T>): Check<T[]> =>
  check((value) => {
    if (!Array.isArray(value)) return fail(expected("array", value));
    const data: T[] = [];
    for (const item of value) {
      const result = element.safeParse(item);
      if (!result.success) return result;
      data.push(result.data);
    }
    return ok(data);
  });

/** Repeated `Key=Value` pairs (`-d FromCity=Berlin`); the value may be empty. */
export const keyValues = (): Check<string[]> =>
  array(
    string((value) =>
      /^\s*[^=\s][^=]*=/.test(value) ? ok(value) : fail("must be Key=Value, e.g. -d FromCity=Berlin"),
    ),
  );

/** A repeatable option's values, each text. */
export const texts = (): Check<string[]> => array(text());
