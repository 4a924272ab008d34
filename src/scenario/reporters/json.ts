import type { RunResult } from "../results.js";

/** `--json`: the whole run as one document; a failed run carries the `scenario_failed` error code. */
export function jsonReport(result: RunResult): string {
  const error =
    result.failed > 0
      ? {
          error: {
            code: "scenario_failed",
            message: `${result.failed} of ${result.scenarios.length} scenarios failed`,
          },
        }
      : {};
  return `${JSON.stringify({ ok: result.failed === 0, ...result, ...error })}\n`;
}
