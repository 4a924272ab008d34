import { ScenarioFileError, type ScenarioIssue } from "./errors.js";
import { parseScenarioFile } from "./parse.js";
import { listScenarioFiles, readScenarioText } from "./read-files.js";
import type { Scenario } from "./types.js";

/** Reads and validates every scenario of the files and folders named; all problems in one error. */
export function loadScenarios(paths: readonly string[], cwd: string = process.cwd()): Scenario[] {
  const files = listScenarioFiles(paths, cwd);
  const scenarios: Scenario[] = [];
  const issues: ScenarioIssue[] = [];
  for (const file of files) {
    try {
      scenarios.push(...parseScenarioFile(readScenarioText(file, cwd), file));
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioFileError(issues);
  return scenarios;
}
