import { benchmarks as cli } from "./cli.bench.js";
import { benchmarks as client } from "./client.bench.js";
import { benchmarks as protocol } from "./protocol.bench.js";
import { median, shownRatio } from "./stats.js";
import { benchmarks as supervisor } from "./supervisor.bench.js";
import type { BenchContext, Benchmark, Goal, Measured } from "./types.js";
import { benchmarks as watch } from "./watch.bench.js";

// Usage: npm run bench -- [--json] [--quick] [--runs <n>] [prefix ...]
// A full run measures each figure 3 times (windows of 3 s) and prints the medians; --quick measures
// once with 1 s windows, for a developer checking one figure. --runs takes the median of n runs
// instead: a figure within a few hundredths of its goal can read either side of it in three runs of
// one build on a shared machine (conns1000: 0.97, then 0.90).
const all: Benchmark[] = [...protocol, ...client, ...supervisor, ...cli, ...watch];
// `--runs=5` is read as `--runs 5`.
const args = process.argv.slice(2).flatMap((a) => (a.startsWith("--runs=") ? ["--runs", a.slice(7)] : [a]));
const json = args.includes("--json");
const quick = args.includes("--quick");
const runsAt = args.indexOf("--runs");
const runsArg = runsAt === -1 ? undefined : args[runsAt + 1];
if (runsAt !== -1 && !/^[1-9]\d*$/.test(runsArg ?? "")) {
  process.stderr.write(
    `bench: --runs needs a whole number of runs, 1 or more (got ${runsArg ?? "nothing"})\n`,
  );
  process.exit(2);
}
const only = args.filter((a, i) => !a.startsWith("--") && (runsAt === -1 || i !== runsAt + 1));
const RUNS = runsArg !== undefined ? Number(runsArg) : quick ? 1 : 3;

const round = (n: number) => Math.round(n * 1000) / 1000;
/** A ratio to six places: to three, 0.94996 read 0.95 beside a goal of ≥ 0.95 it had missed. */
const roundRatio = (n: number) => Math.round(n * 1e6) / 1e6;
const names = (b: Benchmark) => [b.name, ...(b.aliases ?? [])];
// A filter selects whole name segments (`cli` is cli.*, not client.*); one that selects nothing that
// way is taken as a plain prefix (`watch.flood2`).
const bySegment = (o: string) => (n: string) => n === o || n.startsWith(o.endsWith(".") ? o : `${o}.`);
const byPrefix = (o: string) => (n: string) => n.startsWith(o);
const matcher = (o: string) => (all.some((b) => names(b).some(bySegment(o))) ? bySegment(o) : byPrefix(o));
const filters = only.map(matcher);
const selected = (b: Benchmark) => filters.length === 0 || filters.some((f) => names(b).some(f));

function met(goal: Goal, value: number, ratio: number): boolean {
  const x = "ratio" in goal ? ratio : value;
  const limit = "ratio" in goal ? goal.ratio : goal.value;
  return goal.at === "least" ? x >= limit : x <= limit;
}

function goalText(goal: Goal, unit: string): string {
  const sign = goal.at === "least" ? "≥" : "≤";
  return "ratio" in goal ? `ratio ${sign} ${goal.ratio}` : `${sign} ${goal.value} ${unit}`;
}

function print(name: string, bench: Benchmark, m: Measured, paired: number | null): void {
  const ratio = paired ?? 0;
  const extra = Object.fromEntries(Object.entries(m.extra ?? {}).map(([k, v]) => [k, round(v)]));
  if (json) {
    const line = {
      name,
      value: round(m.value),
      unit: bench.unit,
      baseline: round(m.baseline),
      // A baseline of 0 (an idle process's CPU over a short window) has no ratio.
      ratio: paired === null ? null : roundRatio(ratio),
      ...(bench.goal ? { goal: goalText(bench.goal, bench.unit), met: met(bench.goal, m.value, ratio) } : {}),
      ...extra,
      runs: RUNS,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  const goal = bench.goal
    ? `goal ${goalText(bench.goal, bench.unit)} ${met(bench.goal, m.value, ratio) ? "✔" : "✖"}`
    : "";
  const side = Object.entries(extra)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  process.stdout.write(
    `${name.padEnd(34)} ${round(m.value).toString().padStart(10)} ${bench.unit.padEnd(6)} ` +
      `baseline ${round(m.baseline).toString().padStart(10)} (${bench.baselineLabel})  ratio ${shownRatio(bench.goal && "ratio" in bench.goal ? bench.goal.ratio : undefined, ratio)} ${goal}${side ? `  [${side}]` : ""}\n`,
  );
}

for (const bench of all.filter(selected)) {
  const runs: Measured[] = [];
  for (let r = 0; r < RUNS; r++) {
    const ctx: BenchContext = { quick, windowMs: quick ? 1000 : 3000, round: r };
    runs.push(await bench.run(ctx));
  }
  const keys = [...new Set(runs.flatMap((m) => Object.keys(m.extra ?? {})))];
  const extra = Object.fromEntries(keys.map((k) => [k, median(runs.map((x) => x.extra?.[k] ?? 0))]));
  // The ratio is the median of each run's own ratio, not the ratio of the medians: a run's two sides
  // took turns in the same seconds, so its ratio holds whatever load the machine had then, and a run
  // slower for both moves neither side's median alone. A run whose baseline is 0 has no ratio.
  const ratios = runs.filter((r) => r.baseline !== 0).map((r) => r.value / r.baseline);
  // How far the runs' own ratios spread, beside a ratio goal: how close a verdict is to its limit.
  if (RUNS > 1 && bench.goal && "ratio" in bench.goal && ratios.length > 0)
    Object.assign(extra, { min_ratio: Math.min(...ratios), max_ratio: Math.max(...ratios) });
  const m: Measured = {
    value: median(runs.map((x) => x.value)),
    baseline: median(runs.map((x) => x.baseline)),
    extra,
  };
  for (const name of names(bench)) print(name, bench, m, ratios.length === 0 ? null : median(ratios));
}
// Child processes and sockets of a bench must not keep the runner alive.
process.exit(0);
