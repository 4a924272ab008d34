import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import type { Check } from "../../src/commands/options/define.js";
import * as values from "../../src/commands/options/values.js";

// The checks of values.ts are written without zod (so that the CLI starts without loading it); zod is
// the judge of their answers: the same data, or the same first message.
const path = () => z.string().min(1, "must name a file");
const decimal = /^\s*\d+(\.\d+)?\s*$/;
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\s*\d+\s*$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
};
const oneOfNames = ["ack", "echo", "claude"] as const;

const PAIRS: [string, Check<unknown>, z.ZodType][] = [
  ["flag", values.flag(), z.boolean()],
  ["text", values.text(), z.string().trim().min(1, "must not be empty")],
  ["path", values.path(), path()],
  ["wholeNumber", values.wholeNumber(1, 100), wholeNumber(1, 100)],
  ["port", values.port(), wholeNumber(0, 65535)],
  [
    "positiveNumber",
    values.positiveNumber("a rate"),
    z
      .string()
      .regex(decimal, "must be a rate")
      .transform(Number)
      .refine((n) => n > 0, "must be above 0"),
  ],
  [
    "nonNegativeNumber",
    values.nonNegativeNumber("a speed"),
    z.string().regex(decimal, "must be a speed").transform(Number),
  ],
  [
    "oneOf",
    values.oneOf(oneOfNames),
    z.string().refine((v) => (oneOfNames as readonly string[]).includes(v), {
      message: "must be ack, echo or claude",
    }),
  ],
  [
    "wsUrl",
    values.wsUrl(),
    z.string().refine((v) => {
      try {
        const { protocol } = new URL(v);
        return protocol === "ws:" || protocol === "wss:";
      } catch {
        return false;
      }
    }, "must be a ws:// or wss:// URL"),
  ],
  ["eventField", values.eventField(), z.string()],
  ["pathOrOff", values.pathOrOff(), z.union([path(), z.literal(false)])],
  [
    "httpUrl",
    values.httpUrl(),
    z.string().refine((v) => {
      try {
        const { protocol } = new URL(v);
        return protocol === "http:" || protocol === "https:";
      } catch {
        return false;
      }
    }, "must be an http:// or https:// URL, e.g. http://127.0.0.1:8787/sms/inbound"),
  ],
  [
    "keyValues",
    values.keyValues(),
    z.array(z.string().regex(/^\s*[^=\s][^=]*=/, "must be Key=Value, e.g. -d FromCity=Berlin")),
  ],
  ["texts", values.texts(), z.array(z.string().trim().min(1, "must not be empty"))],
];

const answer = (schema: Check<unknown>, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? { data: result.data } : { message: result.error.issues[0]?.message };
};

const inputs = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "0",
    "80",
    " 80 ",
    "65536",
    "1.5",
    "0.0",
    "-1",
    "ack",
    "ws://h:1",
    "http://h",
    "wss://x",
  ),
  fc.stringMatching(/^\s?\d{0,6}(\.\d{0,3})?\s?$/),
  fc.string(),
  fc.boolean(),
  fc.constantFrom(null, 3, Number.NaN, ["a"], {}, "http://127.0.0.1:8787/sms", "A=1", " =x", "K="),
  fc.array(fc.oneof(fc.constantFrom("A=1", "", " b ", "=x", "K= ", 3), fc.string()), { maxLength: 4 }),
);

describe("option checks without zod", () => {
  for (const [name, ours, judge] of PAIRS)
    it(`${name} answers as its zod schema does`, () => {
      fc.assert(
        fc.property(inputs, (value) => {
          expect(answer(ours, value)).toEqual(answer(judge, value));
        }),
        { numRuns: 300 },
      );
    });
});
