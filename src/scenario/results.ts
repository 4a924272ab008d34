import type { MatchRow } from "./match.js";

/** Why a step failed: the message, and the field-by-field comparison when there was an event. */
export interface StepFailure {
  /** 1-based number of the step in its scenario. */
  step: number;
  action: string;
  /** Line of the step in its file; 0 for built-in scenarios. */
  line: number;
  /** 1-based iteration of a `repeat`, when the step repeats. */
  iteration?: number;
  client: string;
  message: string;
  rows?: MatchRow[];
  /** The event compared (the reply or the closest broadcast). */
  actual?: Record<string, unknown>;
}

export interface ScenarioResult {
  name: string;
  file: string;
  line: number;
  status: "passed" | "failed" | "skipped";
  durationMs: number;
  /** Steps run to the end (a repeated step counts once). */
  stepsPassed: number;
  steps: number;
  failure?: StepFailure;
}

export interface RunResult {
  scenarios: ScenarioResult[];
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** Where the scenarios ran: the supervisor URL (no token). */
  url: string;
}

export function summarize(scenarios: ScenarioResult[], durationMs: number, url: string): RunResult {
  const count = (status: ScenarioResult["status"]) => scenarios.filter((s) => s.status === status).length;
  return {
    scenarios,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    durationMs,
    url,
  };
}
