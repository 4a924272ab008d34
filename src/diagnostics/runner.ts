import { monotonicMs } from "../clock.js";
import { redact } from "../config/mask.js";
import { DOCTOR_STEPS, type DoctorStep } from "./steps.js";
import type { CheckResult, DoctorContext, DoctorOptions, DoctorReport } from "./types.js";

/**
 * Runs the doctor's checks in order and returns the report. A step whose prerequisite failed (or was
 * skipped) is skipped and says why. Never throws for a finding; an unexpected exception in a check is
 * reported as that check's failure.
 */
export async function runDoctor(
  options: DoctorOptions = {},
  steps: readonly DoctorStep[] = DOCTOR_STEPS,
): Promise<DoctorReport> {
  const ctx: DoctorContext = {
    options,
    networkTimeoutMs: 1500,
    protocolTimeoutMs: 5000,
    eventTimeoutMs: 10_000,
    cleanups: [],
  };
  const results: CheckResult[] = [];
  try {
    for (const step of steps) {
      const result = await runStep(step, ctx, results);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await Promise.allSettled(ctx.cleanups.map((cleanup) => cleanup()));
  }
  return { ok: results.every((r) => r.status !== "fail"), checks: results };
}

async function runStep(step: DoctorStep, ctx: DoctorContext, earlier: CheckResult[]): Promise<CheckResult> {
  const base = { id: step.id, title: step.title };
  const blocker = earlier.find(
    (r) => step.needs.includes(r.id) && (r.status === "fail" || r.status === "skip"),
  );
  if (blocker)
    return { ...base, status: "skip", detail: `skipped: ${blocker.title} did not pass`, duration_ms: 0 };
  if (step.event && ctx.options.events === false)
    return { ...base, status: "skip", detail: "skipped (--no-events)", duration_ms: 0 };
  const started = monotonicMs();
  try {
    const outcome = await step.run(ctx);
    // A token can hide in what a check quotes back (a URL with ?token=..., a server's message): mask it.
    const token = ctx.config?.token ?? ctx.options.flags?.token;
    const hint = outcome.hint === undefined ? {} : { hint: redact(outcome.hint, token) };
    return {
      ...base,
      ...outcome,
      detail: redact(outcome.detail, token),
      ...hint,
      duration_ms: elapsed(started),
    };
  } catch (error) {
    return {
      ...base,
      status: "fail",
      detail: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      hint: "This is a bug in xswarm-dev doctor; please report it.",
      duration_ms: elapsed(started),
    };
  }
}

function elapsed(started: number): number {
  return Math.round((monotonicMs() - started) * 10) / 10;
}
