import { setTimeout as sleep } from "node:timers/promises";

/**
 * The one clock of the tree: the time and the timers that the client, the supervisor, the watch
 * service and the scenario runner use. Tests pass a fake one, so timeouts and backoff are exact.
 */
export interface Clock {
  /** Milliseconds since the epoch (any fixed origin is fine for a fake). */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Resolves after `ms`; rejects with an AbortError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/**
 * Milliseconds from an arbitrary origin on the monotonic clock that performance.now() reads: a command
 * that times a round trip or two need not load perf_hooks (9 modules) for it.
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

// Set on the first preciseClock.now(), so that every reading shares one origin.
let origin: number | undefined;

/**
 * The real clock with a sub-millisecond, monotonic now() (epoch origin) and node's own timers: for a
 * command's few requests (the client's default clock shares one timer among many, and loads perf_hooks).
 */
export const preciseClock: Clock = {
  ...systemClock,
  now: () => {
    origin ??= Date.now() - monotonicMs();
    return origin + monotonicMs();
  },
};
