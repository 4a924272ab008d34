/** One figure of `npm run bench`: a value beside its baseline measured in the same run. */
export interface Benchmark {
  name: string;
  unit: string;
  /** What a good ratio (value / baseline) looks like, e.g. `{ at: "least", ratio: 0.7 }`. */
  goal?: { at: "least" | "most"; ratio: number };
  /** What the baseline is, in a few words (for the human table). */
  baselineLabel: string;
  run(): Promise<{ value: number; baseline: number }>;
}
