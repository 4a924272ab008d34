import { CATEGORIES, type Category, type FeedEvent } from "./event-model.js";

/** Running totals since the dashboard started; `clear` does not reset them. */
export interface Stats {
  byCategory: Record<Category, number>;
  /** Replies to SMS and email by their type (`message_acknowledged`, `send_sms_response`, `error`, …). */
  repliesByType: Record<string, number>;
  /** `error` replies plus frames that were not JSON objects. */
  errors: number;
  /** The latest request latencies (ms), newest last, at most LATENCY_SAMPLES. */
  latencies: readonly number[];
  /** Request latencies with the epoch ms of their reply, newest last, for the sparkline. */
  recent: readonly { at: number; ms: number }[];
  reconnects: number;
}

export const LATENCY_SAMPLES = 1000;
/** What the sparkline covers. */
export const SPARK_WINDOW_MS = 60_000;
/** Cells of the sparkline: each one covers 3 s. */
export const SPARK_CELLS = 20;

/** Replies whose latency is a request latency (pong and auth_result are not). */
const REQUEST_REPLIES = new Set([
  "message_acknowledged",
  "send_sms_response",
  "send_email_response",
  "error",
]);

export function emptyStats(): Stats {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  return { byCategory, repliesByType: {}, errors: 0, latencies: [], recent: [], reconnects: 0 };
}

/** Adds a batch of events to the totals. Pure. */
export function addToStats(stats: Stats, events: readonly FeedEvent[]): Stats {
  if (events.length === 0) return stats;
  const byCategory = { ...stats.byCategory };
  const repliesByType = { ...stats.repliesByType };
  let errors = stats.errors;
  const newLatencies: number[] = [];
  const newRecent: { at: number; ms: number }[] = [];
  for (const event of events) {
    if (event.mark) continue;
    byCategory[event.category] += 1;
    if (event.category === "error" || (event.json === undefined && event.binaryBytes === undefined))
      errors += 1;
    if (event.direction === "out" && REQUEST_REPLIES.has(event.type)) {
      repliesByType[event.type] = (repliesByType[event.type] ?? 0) + 1;
      const latency = event.latencyMs;
      if (latency !== undefined && event.replyTo !== undefined) {
        newLatencies.push(latency);
        newRecent.push({ at: Date.parse(event.time) || 0, ms: latency });
      }
    }
  }
  const latencies =
    newLatencies.length === 0
      ? stats.latencies
      : [...stats.latencies, ...newLatencies].slice(-LATENCY_SAMPLES);
  let recent = stats.recent;
  if (newRecent.length > 0) {
    const newest = newRecent[newRecent.length - 1]?.at ?? 0;
    recent = [...stats.recent, ...newRecent]
      .filter((s) => s.at > newest - SPARK_WINDOW_MS)
      .slice(-LATENCY_SAMPLES);
  }
  return { ...stats, byCategory, repliesByType, errors, latencies, recent };
}

const BARS = "▁▂▃▄▅▆▇█";

/**
 * The replies of the last minute as a sparkline of `buckets` cells, oldest left: each cell the
 * slowest reply in its slice, scaled to the slowest of the minute; a space where none came.
 */
export function sparkline(
  recent: readonly { at: number; ms: number }[],
  now: number,
  buckets = SPARK_CELLS,
): string {
  const width = SPARK_WINDOW_MS / buckets;
  const start = now - SPARK_WINDOW_MS;
  const worst: (number | undefined)[] = new Array(buckets).fill(undefined);
  for (const sample of recent) {
    if (sample.at <= start || sample.at > now) continue;
    const i = Math.min(buckets - 1, Math.floor((sample.at - start) / width));
    worst[i] = Math.max(worst[i] ?? 0, sample.ms);
  }
  const top = Math.max(0, ...worst.map((w) => w ?? 0));
  return worst
    .map((w) => {
      if (w === undefined) return " ";
      const level = top <= 0 ? 0 : Math.round((w / top) * (BARS.length - 1));
      return BARS[level] ?? "▁";
    })
    .join("");
}

/** The p-th percentile (0-100) by nearest rank, or undefined without samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50 and p95 of `samples` (nearest rank), sorting them once. */
export function percentiles(samples: readonly number[]): {
  p50: number | undefined;
  p95: number | undefined;
} {
  if (samples.length === 0) return { p50: undefined, p95: undefined };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { p50: at(50), p95: at(95) };
}
