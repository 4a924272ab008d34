import { XswarmError } from "../protocol/errors.js";
import type { ProgressState } from "./progress.js";
import { type LatencySummary, summariseLatency } from "./stats.js";

/** The summary of a load run, as `--json` prints it. */
export interface LoadSummary {
  sent: number;
  ok: number;
  failed: number;
  /** Failures by error code, e.g. `{"timeout": 3, "supervisor_error": 1}`. */
  errors: Record<string, number>;
  /** Events answered (ok or failed) per second of the run. */
  throughput_per_s: number;
  /** Round trips of the events that got a reply (a supervisor `error` counts; a timeout does not). */
  latency_ms: LatencySummary;
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
  onProgress?(state: ProgressState): void;
  /** When aborted, no further event is sent; those in flight are waited for. */
  stop?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A run's summary plus one error of each kind, so the caller can choose an exit code. */
export interface LoadResult {
  summary: LoadSummary;
  firstErrors: Map<string, unknown>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Error codes whose events still got an answer from the supervisor, so their latency counts. */
const ANSWERED = new Set(["supervisor_error", "protocol_error"]);

/**
 * Sends `count` events with at most `concurrency` in flight and, with `rate`, event i no earlier
 * than i / rate seconds after the start. Never throws: each failure is counted by its error code.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadResult> {
  const { count, rate } = options;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const firstErrors = new Map<string, unknown>();
  let next = 0;
  let ok = 0;
  let failed = 0;
  const start = now();
  const progress = () =>
    options.onProgress?.({ done: ok + failed, total: count, ok, failed, elapsedMs: now() - start });

  const stop = options.stop;
  const stopped = new Promise<void>((resolve) =>
    stop?.addEventListener("abort", () => resolve(), { once: true }),
  );
  const worker = async () => {
    while (next < count && !stop?.aborted) {
      const index = next++;
      if (rate !== undefined) {
        const wait = start + (index * 1000) / rate - now();
        if (wait > 0) await Promise.race([sleep(wait), stopped]);
        if (stop?.aborted) break;
      }
      const sentAt = now();
      try {
        await options.send(index);
        latencies.push(now() - sentAt);
        ok += 1;
      } catch (error) {
        const code = error instanceof XswarmError ? error.code : "internal_error";
        if (ANSWERED.has(code)) latencies.push(now() - sentAt);
        errors[code] = (errors[code] ?? 0) + 1;
        if (!firstErrors.has(code)) firstErrors.set(code, error);
        failed += 1;
      }
      progress();
    }
  };

  await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, worker));
  const elapsedS = (now() - start) / 1000;
  const answered = ok + failed;
  return {
    summary: {
      sent: answered,
      ok,
      failed,
      errors,
      throughput_per_s: elapsedS > 0 ? Math.round((answered / elapsedS) * 10) / 10 : 0,
      latency_ms: summariseLatency(latencies),
      ...(answered < count && stop?.aborted ? { interrupted: true as const } : {}),
    },
    firstErrors,
  };
}
