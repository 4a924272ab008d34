import { readFileSync } from "node:fs";

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
  n >= 100 ? Math.round(n).toLocaleString("en-US") : n >= 1 ? n.toFixed(1) : n.toPrecision(2);

const lines = readFileSync(0, "utf8")
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l) as Line);
const rows = lines.map((l) => {
  const extra = Object.entries(l)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k} ${number(v as number)}`)
    .join(", ");
  const goal = l.goal ? `${l.goal} ${l.met ? "✔" : "✖"}` : "";
  const ratio = l.ratio === null ? "" : l.ratio.toFixed(2);
  return `| \`${l.name}\` | ${number(l.value)} ${l.unit} | ${number(l.baseline)} | ${ratio} | ${goal} | ${extra} |`;
});
const header = ["| figure | value | baseline | ratio | goal | beside it |", "|---|---|---|---|---|---|"];
process.stdout.write(`${[...header, ...rows].join("\n")}\n`);
