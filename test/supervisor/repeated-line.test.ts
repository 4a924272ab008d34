import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/supervisor/log.js";
import { MAX_KEPT_LINE, RepeatedLine } from "../../src/supervisor/log-line.js";
import type { LogRecord } from "../../src/supervisor/types.js";

const KEY = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("time", "level", "msg", "token", "7", "connection"),
);
const VALUE = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(null, undefined, "\ud800", "é😀"),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** Two loggers on one clock: what `info` writes and what `repeat` writes, each to its own file. */
function pair() {
  const dir = mkdtempSync(join(tmpdir(), "xswarm-repeat-"));
  let t = Date.UTC(2026, 11, 2, 0, 31, 7, 123);
  const now = () => t;
  const records: LogRecord[][] = [[], []];
  const plain = createLogger({ file: join(dir, "a.log"), now, onLog: (r) => records[0]?.push(r) });
  const repeated = createLogger({ file: join(dir, "b.log"), now, onLog: (r) => records[1]?.push(r) });
  return {
    plain,
    repeated,
    tick: () => (t += 1.5),
    read: async () => {
      await plain.close();
      await repeated.close();
      return [
        readFileSync(join(dir, "a.log"), "utf8"),
        readFileSync(join(dir, "b.log"), "utf8"),
        records,
      ] as const;
    },
  };
}

describe("Logger#repeat", () => {
  it("writes the bytes and records that info writes, for any fields", async () => {
    const cases = fc.sample(
      fc.tuple(fc.string({ unit: "binary", maxLength: 12 }), fc.dictionary(KEY, VALUE)),
      500,
    );
    const { plain, repeated, tick, read } = pair();
    const line = new RepeatedLine();
    for (const [msg, fields] of cases) {
      plain.info(msg, fields);
      if (line.set("info", msg, fields)) repeated.repeat(line);
      else repeated.info(msg, fields);
      // The same line again, a few milliseconds on: only the time changes.
      tick();
      plain.info(msg, fields);
      if (line.set("info", msg, fields)) repeated.repeat(line);
      else repeated.info(msg, fields);
    }
    const [a, b, records] = await read();
    expect(b).toBe(a);
    expect(records[1]).toEqual(records[0]);
  });

  it("refuses fields it cannot keep: an object value, a time of their own", () => {
    const line = new RepeatedLine();
    expect(line.set("info", "x", { a: 1, b: "c" })).toBe(true);
    expect(line.set("info", "x", { a: [1] })).toBe(false);
    expect(line.set("info", "x", { time: "then" })).toBe(false);
    expect(line.set("info", "x", Object.create({ inherited: 1 }))).toBe(false);
  });

  it("does not keep a long line: a peer's 1 MB sender is not held by its connection", () => {
    const line = new RepeatedLine();
    expect(line.set("info", "sms answered", { from: "+1".padEnd(MAX_KEPT_LINE, "5") })).toBe(false);
    expect(line.set("info", "sms answered", { from: "+1".padEnd(MAX_KEPT_LINE - 100, "5") })).toBe(true);
    expect(line.tail.length).toBeLessThanOrEqual(MAX_KEPT_LINE);
  });
});
