import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import {
  ALL_PASSED,
  type CheckResult,
  type DoctorReport,
  renderCheck,
  renderReport,
  renderSummary,
  reportJson,
  summarise,
} from "../../src/diagnostics/index.js";

const plain = new Chalk({ level: 0 });
const check = (id: string, status: CheckResult["status"], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id.toUpperCase(),
  status,
  detail: `${id} detail`,
  duration_ms: 1.5,
  ...extra,
});
const report = (...checks: CheckResult[]): DoctorReport => ({
  ok: checks.every((c) => c.status !== "fail"),
  checks,
});

describe("renderCheck", () => {
  it("shows the mark, the title, the finding and, unless it passed, the hint", () => {
    expect(renderCheck(check("tcp", "pass", { hint: "unused" }), plain)).toBe(
      `✔ ${"TCP".padEnd(20)} tcp detail\n`,
    );
    expect(renderCheck(check("tcp", "fail", { hint: "start it" }), plain)).toBe(
      `✖ ${"TCP".padEnd(20)} tcp detail\n  ${" ".repeat(20)} → start it\n`,
    );
    expect(renderCheck(check("cfg", "warn", { hint: "h" }), plain).startsWith("! CFG")).toBe(true);
    expect(renderCheck(check("dns", "skip"), plain)).toBe(`○ ${"DNS".padEnd(20)} dns detail\n`);
  });

  it("adds the duration when verbose", () => {
    expect(renderCheck(check("tcp", "pass"), plain, { verbose: true })).toBe(
      `✔ ${"TCP".padEnd(20)} tcp detail [1.5 ms]\n`,
    );
  });

  it("uses colour only when the chalk instance has it", () => {
    const coloured = renderCheck(check("tcp", "fail"), new Chalk({ level: 1 }));
    expect(coloured).toContain("\u001b[31m✖");
    expect(renderCheck(check("tcp", "fail"), plain)).not.toContain("\u001b[");
  });
});

describe("summary", () => {
  it("counts warnings as passed and leaves skipped checks out of the total", () => {
    const r = report(check("a", "pass"), check("b", "warn"), check("c", "fail"), check("d", "skip"));
    expect(summarise(r)).toEqual({ passed: 2, total: 3, warned: 1, failed: 1, skipped: 1 });
    expect(renderSummary(r, plain)).toBe("\n2/3 checks passed, 1 warning, 1 failed, 1 skipped\n");
  });

  it("ends with the seed's line only when everything passed", () => {
    const all = report(check("a", "pass"), check("b", "pass"));
    expect(renderSummary(all, plain)).toBe(`\n2/2 checks passed\n\n${ALL_PASSED}\n`);
    expect(ALL_PASSED).toBe("✨ All tests passed! Supervisor integration is working.");
    expect(renderSummary(report(check("a", "pass"), check("b", "warn")), plain)).not.toContain(ALL_PASSED);
    expect(renderSummary(report(check("a", "pass"), check("b", "skip")), plain)).toContain(ALL_PASSED);
  });

  it("renders the whole report: checks, then the summary", () => {
    const text = renderReport(report(check("a", "pass"), check("b", "fail", { hint: "fix b" })), plain);
    expect(text.split("\n")).toEqual([
      `✔ ${"A".padEnd(20)} a detail`,
      `✖ ${"B".padEnd(20)} b detail`,
      `  ${" ".repeat(20)} → fix b`,
      "",
      "1/2 checks passed, 1 failed",
      "",
    ]);
  });
});

describe("reportJson", () => {
  it("is {ok, checks} with the documented fields", () => {
    const r = report(check("a", "pass"), check("b", "fail", { hint: "fix b" }));
    expect(JSON.parse(reportJson(r))).toEqual({
      ok: false,
      checks: [
        { id: "a", title: "A", status: "pass", detail: "a detail", duration_ms: 1.5 },
        { id: "b", title: "B", status: "fail", detail: "b detail", hint: "fix b", duration_ms: 1.5 },
      ],
    });
  });
});
