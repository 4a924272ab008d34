export { BUILTIN_FILE, BUILTIN_PASSED, builtinScenarios } from "./builtin.js";
export { formatIssue, ScenarioFileError, type ScenarioIssue } from "./errors.js";
export { generateScenario, readRecording } from "./generate.js";
export { loadScenarios } from "./load.js";
export { parseScenarioFile } from "./parse.js";
export type * from "./results.js";
export { type RunOptions, runScenarios } from "./runner.js";
export type { Scenario, Step } from "./types.js";
