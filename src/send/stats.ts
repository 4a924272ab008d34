/** Latency figures of a load run, in ms. All 0 when nothing was measured. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
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

/** p50 / p95 / p99 / max of `values`, rounded to 0.1 ms; zeros when there are none. */
export function summariseLatency(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY)),
  };
}
