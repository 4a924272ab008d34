import { SupervisorClient } from "./supervisor-client.js";
import type { SupervisorClientOptions } from "./types.js";

/** Options of the shared client; only the first call's options count. */
export interface SharedClientOptions extends SupervisorClientOptions {
  /**
   * After a failed connection attempt, a later `getSupervisorClient()` call starts a new one in the
   * background, at most once per this many ms. Default 1000.
   */
  retryIntervalMs?: number;
}

let shared: SupervisorClient | undefined;
let retryIntervalMs = 1000;
let lastKickAt = Number.NEGATIVE_INFINITY;

/**
 * The process-wide client, as the seed's `getSupervisorClient` returns it: created on the first call
 * (the options of later calls are ignored) and connecting in the background, so that `isReady()`
 * turns true soon. If a connection attempt failed, a later call starts another one in the background.
 * After `disconnect()` or an authentication failure it stays closed.
 */
export function getSupervisorClient(options: SharedClientOptions = {}): SupervisorClient {
  if (shared === undefined) {
    const { retryIntervalMs: interval, ...clientOptions } = options;
    shared = new SupervisorClient(clientOptions);
    retryIntervalMs = interval ?? 1000;
    lastKickAt = Number.NEGATIVE_INFINITY;
  }
  kick(shared);
  return shared;
}

/** Disconnects and forgets the shared client (for tests, or to change its options). */
export function resetSupervisorClient(): void {
  shared?.disconnect();
  shared = undefined;
}

function kick(client: SupervisorClient): void {
  const state = client.state;
  const failed = state.status === "closed" && state.error !== undefined;
  if (state.status !== "idle" && !failed) return;
  const now = performance.now();
  if (failed && now - lastKickAt < retryIntervalMs) return;
  lastKickAt = now;
  // The outcome shows in isReady() and the `state` event; the caller never waits on it.
  client.connect().catch(() => {});
}
