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
