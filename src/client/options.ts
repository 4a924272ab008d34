import WebSocket from "ws";
import { systemClock as treeClock } from "../clock.js";
import { redact } from "../config/mask.js";
import { DEFAULT_TIMEOUT_MS, DEFAULT_TOKEN, DEFAULT_URL } from "../config/types.js";
import { ValidationError } from "../protocol/errors.js";
import { type BackoffSettings, DEFAULT_BACKOFF } from "./backoff.js";
import { LazyTimers } from "./lazy-timers.js";
import { optionIssues } from "./option-checks.js";
import { DEFAULT_QUEUE_LIMITS, type QueueLimits } from "./send-queue.js";
import type { Clock, SendOptions, SupervisorClientOptions } from "./types.js";

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** An idle dead link is found within interval + timeout (5 s), well before a 10 s request would time out. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 2_500;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 2_500;

// One for the process, made on first use: every client's timers share its one real timer.
let shared: LazyTimers | undefined;
const timers = (): LazyTimers => {
  shared ??= new LazyTimers();
  return shared;
};

// performance.timeOrigin is a getter that costs as much again as performance.now() (~35 ns, read
// once per request): it never changes, so it is read once.
let origin: number | undefined;

/**
 * The tree's real clock, with a monotonic, sub-millisecond `now()` (epoch origin) for latencies, and
 * timers that are cheap to arm and clear once per request (LazyTimers).
 */
export const systemClock: Clock = {
  ...treeClock,
  now: () => {
    origin ??= performance.timeOrigin;
    return origin + performance.now();
  },
  setTimeout: (fn, ms) => timers().setTimeout(fn, ms),
  clearTimeout: (handle) => timers().clearTimeout(handle),
};

/** The default socket factory: ws with compression off (the frames are small JSON objects). */
export function createDefaultWebSocket(url: string): WebSocket {
  return new WebSocket(url, { perMessageDeflate: false });
}

/** Every option resolved to a value. */
export interface ClientSettings {
  url: string;
  displayUrl: string;
  authToken: string;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  reconnect: BackoffSettings | false;
  retryFirstConnection: boolean;
  queue: QueueLimits;
  createWebSocket: (url: string) => WebSocket;
  clock: Clock;
  random: () => number;
}

/** Fills in defaults (from SUPERVISOR_URL / SUPERVISOR_TOKEN, then the built-in ones). Throws ValidationError. */
export function resolveSettings(
  options: SupervisorClientOptions,
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  const { createWebSocket, clock, random, ...plain } = options;
  // `reconnect: false` is valid as is; a union would blur the field named in the error.
  const issues = optionIssues(
    (plain.reconnect === false ? { ...plain, reconnect: undefined } : plain) as Record<string, unknown>,
  );
  if (issues.length > 0) throw new ValidationError("SupervisorClient options", issues);
  if (options.retryFirstConnection === true && options.reconnect === false) {
    throw new ValidationError("SupervisorClient options", [
      {
        field: "retryFirstConnection",
        message: "retryFirstConnection needs a reconnect policy: remove `reconnect: false`",
      },
    ]);
  }
  const url = options.url ?? (env.SUPERVISOR_URL || DEFAULT_URL);
  const authToken = options.authToken ?? (env.SUPERVISOR_TOKEN || DEFAULT_TOKEN);
  const reconnect =
    options.reconnect === false ? false : { ...DEFAULT_BACKOFF, ...defined(options.reconnect) };
  return {
    url,
    displayUrl: redact(url, authToken),
    authToken,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
    reconnect,
    retryFirstConnection: options.retryFirstConnection ?? false,
    queue: { ...DEFAULT_QUEUE_LIMITS, ...defined(options.queue) },
    createWebSocket: createWebSocket ?? createDefaultWebSocket,
    clock: clock ?? systemClock,
    random: random ?? Math.random,
  };
}

/** The object without its undefined-valued keys, so that spreading it keeps defaults. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The timeout of one send: its own `timeoutMs`, else the client's. Throws ValidationError when not > 0. */
export function requestTimeout(options: SendOptions | undefined, fallback: number): number {
  const timeoutMs = options?.timeoutMs;
  if (timeoutMs === undefined) return fallback;
  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) return timeoutMs;
  throw new ValidationError("send options", [{ field: "timeoutMs", message: "timeoutMs must be > 0" }]);
}
