/** How one bench run is sized: the full run, or `--quick` (one run, 1 s windows) for a fast check. */
export interface BenchContext {
  quick: boolean;
  /** Length of a measuring window in ms: 3,000 in a full run, 1,000 with `--quick`. */
  windowMs: number;
  /** Which of the runs this is (0-based): benches that share one setup across figures key on it. */
  round: number;
}

/** What one run of a bench measured: the value, its baseline in the same run, and side figures. */
export interface Measured {
  value: number;
  baseline: number;
  /** Printed beside the figure, e.g. `{ cpu_us_per_req: 14.2, baseline_cpu_us_per_req: 11.5 }`. */
  extra?: Record<string, number>;
}

/**
 * What a good result looks like: a ratio (value / baseline) at least or at most `ratio`, or, for a
 * figure whose goal is absolute (reconnect time, idle CPU), the value itself at most/least `value`.
 */
export type Goal = { at: "least" | "most"; ratio: number } | { at: "least" | "most"; value: number };

/** One figure of `npm run bench`: a value beside its baseline measured in the same run. */
export interface Benchmark {
  name: string;
  /** Older names that still select (and print) this figure, e.g. `client.throughput.inflight32`. */
  aliases?: string[];
  unit: string;
  goal?: Goal;
  /** What the baseline is, in a few words (for the human table). */
  baselineLabel: string;
  run(ctx: BenchContext): Promise<Measured>;
}
