import type { RunResult, ScenarioResult, StepFailure } from "../results.js";
import { stepLabel } from "./terminal.js";

// Characters XML 1.0 cannot carry at all, even escaped.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those are the characters to drop
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\n", "&#10;")
    .replaceAll("\r", "&#13;")
    .replaceAll("\t", "&#9;");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function failureBody(failure: StepFailure): string {
  const lines = [failure.message];
  for (const row of failure.rows ?? []) {
    if (row.ok) continue;
    lines.push(`- ${row.field}: ${row.expected}`, `+ ${row.field}: ${row.actual}`);
  }
  if (failure.actual) lines.push(`received: ${JSON.stringify(failure.actual)}`);
  return lines.join("\n");
}

function testcase(result: ScenarioResult): string {
  const head = `    <testcase name="${escapeXml(result.name)}" classname="${escapeXml(result.file)}" time="${seconds(result.durationMs)}"`;
  if (result.status === "passed") return `${head}/>`;
  if (result.status === "skipped") return `${head}>\n      <skipped/>\n    </testcase>`;
  const failure = result.failure as StepFailure;
  const message = `${stepLabel(failure, result.file)}: ${failure.message}`;
  // Element text keeps its newlines (only attributes need them as references).
  const body = escapeXml(failureBody(failure)).replaceAll("&#10;", "\n");
  return `${head}>\n      <failure message="${escapeXml(message)}" type="AssertionError">${body}</failure>\n    </testcase>`;
}

/**
 * JUnit XML as GitHub Actions and GitLab read it: one `testsuite` per scenario file, one `testcase`
 * per scenario, the failing step in the failure's `message`.
 */
export function junitReport(result: RunResult): string {
  const files = [...new Set(result.scenarios.map((s) => s.file))];
  const suites = files.map((file) => {
    const cases = result.scenarios.filter((s) => s.file === file);
    const failures = cases.filter((s) => s.status === "failed").length;
    const skipped = cases.filter((s) => s.status === "skipped").length;
    const time = cases.reduce((sum, s) => sum + s.durationMs, 0);
    return [
      `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">`,
      ...cases.map(testcase),
      "  </testsuite>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="xswarm-dev test" tests="${result.scenarios.length}" failures="${result.failed}" errors="0" skipped="${result.skipped}" time="${seconds(result.durationMs)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
