import type { ChalkInstance } from "chalk";
import type { RunResult, ScenarioResult, StepFailure } from "../results.js";

/** `file:line`, or the file alone for built-in scenarios. */
export function where(file: string, line: number): string {
  return line > 0 ? `${file}:${line}` : file;
}

/** The failing step in one line: `step 2 send_email (file.yaml:9), client a, iteration 3`. */
export function stepLabel(failure: StepFailure, file: string): string {
  const parts = [`step ${failure.step} ${failure.action} (${where(file, failure.line)})`];
  if (failure.client !== "default") parts.push(`client ${failure.client}`);
  if (failure.iteration !== undefined) parts.push(`iteration ${failure.iteration}`);
  return parts.join(", ");
}

/** Expected against received, as vitest shows a diff: `-` the expectation, `+` what came. */
export function diffLines(failure: StepFailure, c: ChalkInstance): string[] {
  if (!failure.rows) return failure.actual ? [c.dim(`received: ${JSON.stringify(failure.actual)}`)] : [];
  const lines = [c.green("- Expected"), c.red("+ Received"), ""];
  for (const row of failure.rows) {
    if (row.ok) lines.push(c.dim(`  ${row.field}: ${row.actual}`));
    else lines.push(c.green(`- ${row.field}: ${row.expected}`), c.red(`+ ${row.field}: ${row.actual}`));
  }
  const compared = new Set(failure.rows.map((row) => row.field));
  const rest = Object.entries(failure.actual ?? {}).filter(([field]) => !compared.has(field));
  for (const [field, value] of rest) lines.push(c.dim(`  ${field}: ${JSON.stringify(value)}`));
  return lines;
}

/** The lines of one finished scenario. */
export function scenarioLines(result: ScenarioResult, c: ChalkInstance): string[] {
  const time = c.dim(`(${Math.round(result.durationMs)} ms)`);
  if (result.status === "passed") return [`${c.green("✓")} ${result.name} ${time}`];
  if (result.status === "skipped") return [`${c.yellow("↓")} ${result.name} ${c.dim("(skipped)")}`];
  const failure = result.failure as StepFailure;
  return [
    `${c.red("✖")} ${result.name} ${time}`,
    `    ${c.red(stepLabel(failure, result.file))}: ${failure.message}`,
    ...diffLines(failure, c).map((line) => (line === "" ? "" : `      ${line}`)),
  ];
}

/** The run summary: counts and time. */
export function summaryLines(result: RunResult, c: ChalkInstance): string[] {
  const counts = [
    result.failed > 0 ? c.red(`${result.failed} failed`) : undefined,
    result.passed > 0 ? c.green(`${result.passed} passed`) : undefined,
    result.skipped > 0 ? c.yellow(`${result.skipped} skipped`) : undefined,
  ].filter(Boolean);
  const total = result.scenarios.length;
  return [
    "",
    ` Scenarios  ${counts.join(c.dim(" | ")) || "none"} ${c.dim(`(${total})`)}`,
    `      Time  ${(result.durationMs / 1000).toFixed(2)} s`,
  ];
}
