import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/client/backoff.js";

describe("backoffDelay", () => {
  const settings = { baseDelayMs: 250, maxDelayMs: 10_000 };

  it("doubles the ceiling each attempt up to the cap (random near 1)", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffDelay(a, settings, top))).toEqual([
      249, 499, 999, 1999, 3999, 7999, 9999, 9999,
    ]);
  });

  it("is full jitter: random 0 gives 0, random 0.5 gives half the ceiling", () => {
    expect(backoffDelay(5, settings, () => 0)).toBe(0);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(500);
  });

  it("stays within [0, min(cap, base * 2^(attempt-1))) for any attempt and random", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (attempt, r, baseDelayMs, maxDelayMs) => {
          const delay = backoffDelay(attempt, { baseDelayMs, maxDelayMs }, () => r);
          const ceiling = baseDelayMs === 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it("never returns NaN for a zero base and a huge attempt number", () => {
    expect(backoffDelay(1025, { baseDelayMs: 0, maxDelayMs: 0 }, () => 0)).toBe(0);
    expect(backoffDelay(5000, { baseDelayMs: 0, maxDelayMs: 100 }, () => 0.5)).toBe(0);
    expect(backoffDelay(5000, { baseDelayMs: 1, maxDelayMs: 100 }, () => 0.5)).toBe(50);
  });
});
