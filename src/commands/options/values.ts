import * as z from "zod";

// The one way option values are checked. Messages leave out the flag: parseOptions puts it in front.

/** A switch: commander gives true (or false for `--no-…`). */
export const flag = () => z.boolean();

/** Text that must not be blank. */
export const text = () => z.string().trim().min(1, "must not be empty");

/** A file path (`-` is left to the command to read as stdin). */
export const path = () => z.string().min(1, "must name a file");

/** A whole number in `min..max`, given as digits. */
export const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\s*\d+\s*$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
};

/** A TCP port; 0 asks the system for a free one. */
export const port = () => wholeNumber(0, 65535);

/** A number above 0 (a rate). */
export const positiveNumber = (what: string) =>
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*$/, `must be ${what}`)
    .transform(Number)
    .refine((n) => n > 0, "must be above 0");

/** A number from 0 up (a speed factor). */
export const nonNegativeNumber = (what: string) =>
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*$/, `must be ${what}`)
    .transform(Number);

/** One of a fixed list of names. */
export const oneOf = <const T extends string>(names: readonly T[]) =>
  z.string().refine((v): v is T => (names as readonly string[]).includes(v), {
    message: `must be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`,
  }) as unknown as z.ZodType<T>;

/** A ws:// or wss:// URL. */
export const wsUrl = () =>
  z.string().refine((v) => {
    try {
      const { protocol } = new URL(v);
      return protocol === "ws:" || protocol === "wss:";
    } catch {
      return false;
    }
  }, "must be a ws:// or wss:// URL");

/** A field of the event being sent: checked with the event, where its source (flag, env, profile) is known. */
export const eventField = () => z.string();

/** A file path, or false for its `--no-…` negation. */
export const pathOrOff = () => z.union([path(), z.literal(false)]);

/** An http:// or https:// URL (a webhook). */
export const httpUrl = () =>
  z.string().refine((v) => {
    try {
      const { protocol } = new URL(v);
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL, e.g. http://127.0.0.1:8787/sms/inbound");

/** Repeated `Key=Value` pairs (`-d FromCity=Berlin`); the value may be empty. */
export const keyValues = () =>
  z.array(z.string().regex(/^\s*[^=\s][^=]*=/, "must be Key=Value, e.g. -d FromCity=Berlin"));

/** A repeatable option's values, each text. */
export const texts = () => z.array(text());
