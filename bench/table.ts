import { readFileSync } from "node:fs";
import { shownRatio } from "./stats.js";

// Renders the output of `npm run bench -- --json` (on stdin) as the Markdown table of
// docs/benchmarks.md: `npm run bench -- --json > run.jsonl && npx tsx bench/table.ts < run.jsonl`.

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number | null;
  goal?: string;
  met?: boolean;
  [extra: string]: unknown;
}

const SKIP = new Set(["name", "value", "unit", "baseline", "ratio", "goal", "met", "runs"]);
const number = (n: number) =>
  Number.isInteger(n) || n >= 100
    ? Math.round(n).toLocaleString("en-US")
    : n >= 1
      ? n.toFixed(1)
      : n === 0
        ? "0"
        : n.toPrecision(2);
/** Ratios read to two places, whatever their size. */
const field = (key: string, n: number) => (key.endsWith("ratio") ? n.toFixed(2) : number(n));

const lines = readFileSync(0, "utf8")
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l) as Line);
const rows = lines.map((l) => {
  const extra = Object.entries(l)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k} ${field(k, v as number)}`)
    .join(", ");
  const goal = l.goal ? `${l.goal} ${l.met ? "✔" : "✖"}` : "";
  // An absolute goal (a time, a share of a core) is judged on the value: a ratio beside it would mislead.
  const absolute = l.goal !== undefined && !l.goal.startsWith("ratio");
  const limit = l.goal?.startsWith("ratio") ? Number(l.goal.split(" ").at(-1)) : undefined;
  const ratio = l.ratio === null || absolute ? "" : shownRatio(limit, l.ratio);
  return `| \`${l.name}\` | ${number(l.value)} ${l.unit} | ${number(l.baseline)} | ${ratio} | ${goal} | ${extra} |`;
});
const header = ["| figure | value | baseline | ratio | goal | beside it |", "|---|---|---|---|---|---|"];
process.stdout.write(`${[...header, ...rows].join("\n")}\n`);
