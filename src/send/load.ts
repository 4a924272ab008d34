import { XswarmError } from "../protocol/errors.js";
import type { ProgressState } from "./progress.js";
import { type LatencySummary, summariseLatency } from "./stats.js";

/** Why a run ended before its count: the connection was lost (or the client could not get it back). */
export interface LoadStop {
  code: string;
  message: string;
}

/** The summary of a load run, as `--json` prints it. */
export interface LoadSummary {
  /** Events the run was asked for. */
  count: number;
  /** Events that left on the socket (a send refused as not connected did not leave). */
  sent: number;
  ok: number;
  failed: number;
  /** Failures by error code, e.g. `{"timeout": 3, "supervisor_error": 1}`. */
  errors: Record<string, number>;
  /** Replies that fit no waiting request (e.g. a server that answers twice): shown, not thrown. */
  protocol_warnings: number;
  /** Events answered (ok or failed) per second of the run. */
  throughput_per_s: number;
  /** Round trips of the events that got a reply (a supervisor `error` counts; a timeout does not). */
  latency_ms: LatencySummary;
  /** Set when the link was lost and the run ended before `count` events were sent. */
  stopped?: LoadStop;
  /** Present when a stop signal ended the run before `count` events were sent. */
  interrupted?: true;
}

export interface LoadRunOptions {
  count: number;
  concurrency: number;
  /** At most this many sends a second; undefined for no limit. */
  rate?: number;
  /** Sends event number `index` and resolves on its reply. */
  send(index: number): Promise<unknown>;
  /**
   * Reconnect mode: resolves once the link is ready (at once when it is). A send refused as not
   * connected is retried after it; without it, the first lost connection ends the run.
   */
  ready?: () => Promise<void>;
  /** When aborted, no further event is sent; those in flight are waited for. */
  stop?: AbortSignal;
  /** How many protocol warnings so far, for the summary. */
  protocolWarnings?: () => number;
  onProgress?(state: ProgressState): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A run's summary plus one error of each kind, so the caller can choose an exit code. */
export interface LoadResult {
  summary: LoadSummary;
  firstErrors: Map<string, unknown>;
}

/** Sleeps `ms`, or less when `signal` aborts first. */
function sleepUnless(signal: AbortSignal | undefined, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Error codes whose events still got an answer from the supervisor, so their latency counts. */
const ANSWERED = new Set(["supervisor_error", "protocol_error"]);

const codeOf = (error: unknown) => (error instanceof XswarmError ? error.code : "internal_error");
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends `count` events with at most `concurrency` in flight and, with `rate`, event i no earlier
 * than i / rate seconds after the start. Never throws: each failure is counted by its error code.
 * A lost connection ends the run (events in flight fail with `connection_lost`; no more are sent),
 * unless `ready` is given, which waits for the reconnect and goes on. A `stop` signal sends no
 * more and waits for the events in flight.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadResult> {
  const { count, rate, ready, stop: signal } = options;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => sleepUnless(signal, ms));
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const firstErrors = new Map<string, unknown>();
  let next = 0;
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let stopped: LoadStop | undefined;
  const start = now();
  const progress = () =>
    options.onProgress?.({ done: ok + failed, total: count, ok, failed, elapsedMs: now() - start });
  const ended = () => stopped !== undefined || signal?.aborted === true;
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });

  const fail = (error: unknown, sentAt: number) => {
    const code = codeOf(error);
    if (ANSWERED.has(code)) latencies.push(now() - sentAt);
    errors[code] = (errors[code] ?? 0) + 1;
    if (!firstErrors.has(code)) firstErrors.set(code, error);
    failed += 1;
  };

  /** Sends one event; false when it did not leave (not connected) and should be tried again. */
  const attempt = async (index: number): Promise<boolean> => {
    const sentAt = now();
    try {
      await options.send(index);
      sent += 1;
      latencies.push(now() - sentAt);
      ok += 1;
    } catch (error) {
      const code = codeOf(error);
      if (code === "not_connected") {
        if (ready !== undefined) return false;
        // The link went while no event was in flight: this one did not leave, and is no failure.
        stopped ??= { code: "connection_lost", message: messageOf(error) };
        return true;
      }
      sent += 1;
      fail(error, sentAt);
      if (ready === undefined && code === "connection_lost") stopped ??= { code, message: messageOf(error) };
    }
    progress();
    return true;
  };

  const worker = async () => {
    while (next < count && !ended()) {
      const index = next++;
      if (rate !== undefined) {
        const wait = start + (index * 1000) / rate - now();
        if (wait > 0) await sleep(wait);
      }
      for (;;) {
        if (ended()) return;
        if (ready !== undefined) {
          try {
            // A stop must not wait for a supervisor that may never come back.
            await Promise.race([ready(), aborted]);
            if (ended()) return;
          } catch (error) {
            stopped ??= { code: codeOf(error), message: messageOf(error) };
            if (!firstErrors.has(codeOf(error))) firstErrors.set(codeOf(error), error);
            return;
          }
        }
        if (await attempt(index)) break;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, worker));
  const elapsedS = (now() - start) / 1000;
  const answered = ok + failed;
  const summary: LoadSummary = {
    count,
    sent,
    ok,
    failed,
    errors,
    protocol_warnings: options.protocolWarnings?.() ?? 0,
    throughput_per_s: elapsedS > 0 ? Math.round((answered / elapsedS) * 10) / 10 : 0,
    latency_ms: summariseLatency(latencies),
  };
  if (stopped !== undefined) summary.stopped = stopped;
  else if (sent < count && signal?.aborted) summary.interrupted = true;
  return { summary, firstErrors };
}
