/** Latency figures of a load run, in ms. All null when nothing was measured (0 would read as a real figure). */
export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * The `p`-th percentile (0 < p <= 100) of `values` by the nearest-rank method: the smallest value
 * with at least p% of the values at or below it. `values` need not be sorted; NaN for none.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** p50 / p95 / p99 / max of `values`, rounded to 0.1 ms; nulls when there are none. */
export function summariseLatency(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY)),
  };
}
