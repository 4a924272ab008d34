import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile, summariseLatency } from "../../src/send/stats.js";

describe("percentile", () => {
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];

  it("takes the nearest rank", () => {
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 10)).toBe(1);
    expect(percentile(ten, 100)).toBe(10);
  });

  it("reads p99 of 1..1000 as 990", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(990);
    expect(percentile(values, 50)).toBe(500);
  });

  it("gives the only value of a single sample for every p", () => {
    for (const p of [1, 50, 99, 100]) expect(percentile([42], p)).toBe(42);
  });

  it("is NaN for no values, and refuses p outside (0, 100]", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("does not reorder its input", () => {
    const input = [3, 1, 2];
    percentile(input, 50);
    expect(input).toEqual([3, 1, 2]);
  });

  it("is a member of the values, monotonic in p, and bounded by min and max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (values, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const x = percentile(values, lo);
          const y = percentile(values, hi);
          return values.includes(x) && x <= y && x >= Math.min(...values) && y <= Math.max(...values);
        },
      ),
    );
  });
});

describe("summariseLatency", () => {
  it("rounds to 0.1 ms", () => {
    expect(summariseLatency([1.04, 2.26, 3.33])).toEqual({ p50: 2.3, p95: 3.3, p99: 3.3, max: 3.3 });
  });

  it("is all null for no values", () => {
    expect(summariseLatency([])).toEqual({ p50: null, p95: null, p99: null, max: null });
  });

  it("copes with a large sample", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => i % 1000);
    expect(summariseLatency(values).max).toBe(999);
  });
});
