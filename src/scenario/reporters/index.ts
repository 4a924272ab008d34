import type { RunResult } from "../results.js";
import { jsonReport } from "./json.js";
import { junitReport } from "./junit.js";
import { tapReport } from "./tap.js";

export const REPORTERS = ["terminal", "junit", "json", "tap"] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** The document of a machine reporter (the terminal reporter prints as it goes instead). */
export function machineReport(name: Exclude<ReporterName, "terminal">, result: RunResult): string {
  if (name === "junit") return junitReport(result);
  if (name === "tap") return tapReport(result);
  return jsonReport(result);
}

export { diffLines, scenarioLines, stepLabel, summaryLines } from "./terminal.js";
