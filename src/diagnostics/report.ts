import type { ChalkInstance } from "chalk";
import type { CheckResult, CheckStatus, DoctorReport } from "./types.js";

/** The seed's closing line, shown when every check passed. */
export const ALL_PASSED = "✨ All tests passed! Supervisor integration is working.";

const MARKS: Record<CheckStatus, string> = { pass: "✔", warn: "!", fail: "✖", skip: "○" };
const TITLE_WIDTH = 20;

/** One check as terminal lines: mark, title, finding (and duration when verbose); then the hint on its own line. */
export function renderCheck(
  result: CheckResult,
  c: ChalkInstance,
  options: { verbose?: boolean } = {},
): string {
  const paint = { pass: c.green, warn: c.yellow, fail: c.red, skip: c.dim }[result.status];
  const title = result.title.padEnd(TITLE_WIDTH);
  const time = options.verbose && result.status !== "skip" ? c.dim(` [${result.duration_ms} ms]`) : "";
  const detail = result.status === "skip" ? c.dim(result.detail) : result.detail;
  const lines = [
    `${paint(MARKS[result.status])} ${result.status === "skip" ? c.dim(title) : c.bold(title)} ${detail}${time}`,
  ];
  if (result.hint && result.status !== "pass")
    lines.push(`  ${" ".repeat(TITLE_WIDTH)} ${c.dim(`→ ${result.hint}`)}`);
  return `${lines.join("\n")}\n`;
}

/** Counts for the summary: `passed` includes warnings; `total` leaves out skipped checks. */
export function summarise(report: DoctorReport): {
  passed: number;
  total: number;
  warned: number;
  failed: number;
  skipped: number;
} {
  const count = (status: CheckStatus) => report.checks.filter((r) => r.status === status).length;
  const warned = count("warn");
  const failed = count("fail");
  const skipped = count("skip");
  const passed = count("pass") + warned;
  return { passed, total: passed + failed, warned, failed, skipped };
}

/** Step 11: `N/M checks passed`, with warnings, failures and skips, and the seed's line when all passed. */
export function renderSummary(report: DoctorReport, c: ChalkInstance): string {
  const { passed, total, warned, failed, skipped } = summarise(report);
  const extra = [
    warned ? c.yellow(`${warned} warning${warned === 1 ? "" : "s"}`) : "",
    failed ? c.red(`${failed} failed`) : "",
    skipped ? c.dim(`${skipped} skipped`) : "",
  ].filter(Boolean);
  const line = `${passed}/${total} checks passed${extra.length ? `, ${extra.join(", ")}` : ""}`;
  const paint = failed ? c.red : warned ? c.yellow : c.green;
  const closing = failed === 0 && warned === 0 ? `\n${c.green(ALL_PASSED)}\n` : "";
  return `\n${paint(line)}\n${closing}`;
}

/** The whole report for a terminal. */
export function renderReport(
  report: DoctorReport,
  c: ChalkInstance,
  options: { verbose?: boolean } = {},
): string {
  return report.checks.map((r) => renderCheck(r, c, options)).join("") + renderSummary(report, c);
}

/** The `--json` document: `{"ok": bool, "checks": [{id, title, status, detail, hint?, duration_ms}]}`. */
export function reportJson(report: DoctorReport): string {
  return JSON.stringify({ ok: report.ok, checks: report.checks });
}
