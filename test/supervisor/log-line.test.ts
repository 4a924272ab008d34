import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logLine, logRecord } from "../../src/supervisor/log-line.js";

const TIME = "2026-12-02T00:31:07.123Z";
const LEVEL = fc.constantFrom("info" as const, "warn" as const, "error" as const);
// Keys that take the slow path (the record's own, index-like ones, the dropped token) on purpose.
const KEY = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom("time", "level", "msg", "token", "0", "12", "__proto__", "connection", 'q"uote'),
);
const VALUE = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, "\ud800", "a\u2028b"),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

describe("logLine", () => {
  it("is JSON.stringify of the record, byte for byte, for any fields", () => {
    fc.assert(
      fc.property(
        LEVEL,
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.option(fc.dictionary(KEY, VALUE)),
        (level, msg, fields) => {
          const f = fields ?? undefined;
          expect(logLine(TIME, level, msg, f)).toBe(JSON.stringify(logRecord(TIME, level, msg, f)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("writes a typical answer line as JSON.stringify does, and never a token", () => {
    const fields = {
      connection: "c1",
      user: "alice",
      from: "+15551234567",
      reply: "message_acknowledged",
      ms: 0,
    };
    expect(logLine(TIME, "info", "sms answered", fields)).toBe(
      JSON.stringify({ time: TIME, level: "info", msg: "sms answered", ...fields }),
    );
    expect(logLine(TIME, "warn", "x", { token: "secret", a: 1 })).toBe(
      `{"time":"${TIME}","level":"warn","msg":"x","a":1}`,
    );
  });

  it("keeps the spread's order when a field repeats a key of the record", () => {
    expect(logLine(TIME, "info", "x", { msg: "y", a: 1 })).toBe(
      `{"time":"${TIME}","level":"info","msg":"y","a":1}`,
    );
  });
});
