import { describe, expect, it } from "vitest";
import * as z from "zod";
import { optionIssues } from "../../src/client/option-checks.js";
import { fieldIssues } from "../../src/protocol/errors.js";

// The zod schema the client options were checked with before the hand check: the hand check must word
// every issue as it did (error texts are part of the interface).
const ms = z.number().finite().nonnegative();
const NumericOptions = z.object({
  url: z.string().optional(),
  authToken: z.string().optional(),
  requestTimeoutMs: z.number().finite().positive().optional(),
  connectTimeoutMs: z.number().finite().positive().optional(),
  heartbeatIntervalMs: ms.optional(),
  heartbeatTimeoutMs: z.number().finite().positive().optional(),
  reconnect: z
    .object({
      baseDelayMs: ms.optional(),
      maxDelayMs: ms.optional(),
      maxAttempts: z.number().nonnegative().optional(),
    })
    .optional(),
  retryFirstConnection: z.boolean().optional(),
  queue: z
    .object({ maxMessages: z.int().nonnegative().optional(), maxBytes: z.int().nonnegative().optional() })
    .optional(),
});

class Thing {}
const VALUES: unknown[] = [
  undefined,
  null,
  "",
  "ws://x",
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  -1.5,
  2 ** 53,
  2 ** 60,
  -(2 ** 60),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  10n,
  Symbol("s"),
  () => 1,
  [],
  {},
  new Date(0),
  new Thing(),
  Object.create(null),
];

describe("optionIssues", () => {
  const keys = Object.keys(NumericOptions.shape);
  it("words each issue of every top-level field as zod does", () => {
    for (const key of keys)
      for (const value of VALUES) {
        const options = { [key]: value };
        const result = NumericOptions.safeParse(options);
        expect(optionIssues(options), `${key}: value ${VALUES.indexOf(value)}`).toEqual(
          result.success ? [] : fieldIssues(result.error),
        );
      }
  });

  it("words nested fields and several issues at once as zod does", () => {
    for (const value of VALUES)
      for (const options of [
        { reconnect: { baseDelayMs: value, maxDelayMs: value, maxAttempts: value } },
        { queue: { maxMessages: value, maxBytes: value }, url: value, extra: value },
        { requestTimeoutMs: value, heartbeatIntervalMs: value, retryFirstConnection: value },
      ]) {
        const result = NumericOptions.safeParse(options);
        expect(optionIssues(options), `value ${VALUES.indexOf(value)}`).toEqual(
          result.success ? [] : fieldIssues(result.error),
        );
      }
  });
});
