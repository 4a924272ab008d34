import type { RunResult } from "../results.js";
import { stepLabel } from "./terminal.js";

/** A single-quoted YAML scalar for TAP's diagnostic block. */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** TAP version 14: one test point per scenario, the failure as a YAML diagnostic block. */
export function tapReport(result: RunResult): string {
  const lines = ["TAP version 14", `1..${result.scenarios.length}`];
  result.scenarios.forEach((scenario, index) => {
    const n = index + 1;
    const name = scenario.name.replaceAll("#", "\\#");
    if (scenario.status === "passed") lines.push(`ok ${n} - ${name}`);
    else if (scenario.status === "skipped") lines.push(`ok ${n} - ${name} # SKIP --bail`);
    else {
      const failure = scenario.failure;
      lines.push(`not ok ${n} - ${name}`, "  ---");
      if (failure) {
        lines.push(`  message: ${quoted(`${stepLabel(failure, scenario.file)}: ${failure.message}`)}`);
        const bad = (failure.rows ?? []).filter((row) => !row.ok);
        if (bad.length > 0) {
          lines.push("  expected:", ...bad.map((row) => `    ${row.field}: ${quoted(row.expected)}`));
          lines.push("  actual:", ...bad.map((row) => `    ${row.field}: ${quoted(row.actual)}`));
        }
      }
      lines.push("  ...");
    }
  });
  lines.push(`# pass ${result.passed}`, `# fail ${result.failed}`);
  if (result.skipped > 0) lines.push(`# skip ${result.skipped}`);
  return `${lines.join("\n")}\n`;
}
