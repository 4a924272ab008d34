import { benchmarks as cli } from "./cli.bench.js";
import { benchmarks as client } from "./client.bench.js";
import { benchmarks as supervisor } from "./supervisor.bench.js";
import type { Benchmark } from "./types.js";
import { benchmarks as watch } from "./watch.bench.js";

const all: Benchmark[] = [...client, ...supervisor, ...cli, ...watch];
const json = process.argv.includes("--json");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

const round = (n: number) => Math.round(n * 1000) / 1000;

for (const bench of all.filter((b) => only.length === 0 || only.some((o) => b.name.startsWith(o)))) {
  const { value, baseline } = await bench.run();
  const ratio = baseline === 0 ? 0 : value / baseline;
  if (json) {
    const line = {
      name: bench.name,
      value: round(value),
      unit: bench.unit,
      baseline: round(baseline),
      ratio: round(ratio),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    const goal = bench.goal ? `goal ${bench.goal.at === "least" ? "≥" : "≤"} ${bench.goal.ratio}` : "";
    const met =
      !bench.goal || (bench.goal.at === "least" ? ratio >= bench.goal.ratio : ratio <= bench.goal.ratio);
    process.stdout.write(
      `${bench.name.padEnd(34)} ${round(value).toString().padStart(10)} ${bench.unit.padEnd(6)} ` +
        `baseline ${round(baseline).toString().padStart(10)} (${bench.baselineLabel})  ratio ${ratio.toFixed(2)} ${goal} ${bench.goal ? (met ? "✔" : "✖") : ""}\n`,
    );
  }
}
