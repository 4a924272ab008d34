import { XswarmError } from "../protocol/errors.js";

/** One thing wrong in a scenario file, where it is. */
export interface ScenarioIssue {
  file: string;
  line: number;
  /** Dotted path, e.g. `steps.0.expect.within_ms`; empty for the document. */
  field: string;
  message: string;
}

const SHOWN = 10;

/** Scenario files that cannot be run; nothing was sent (exit 2). */
export class ScenarioFileError extends XswarmError {
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const lines = issues.slice(0, SHOWN).map(formatIssue);
    if (issues.length > SHOWN) lines.push(`… and ${issues.length - SHOWN} more`);
    super(
      "invalid_scenario",
      issues.length === 1 ? `Invalid scenario: ${lines[0]}` : `Invalid scenarios:\n  ${lines.join("\n  ")}`,
      "Fix the file and field named above (docs/scenarios.md describes the format); nothing was sent.",
    );
    this.issues = issues;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return issue.field ? `${where}: ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}
