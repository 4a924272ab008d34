import { SupervisorError } from "../client/errors.js";
import { SupervisorClient } from "../client/supervisor-client.js";
import type { TrafficEntry } from "../protocol/events.js";
import type { ParsedEvent } from "../protocol/parse.js";

/** Entries kept while a request is traced; a busy supervisor's older traffic is dropped first. */
const MAX_ENTRIES = 10_000;

/** A supervisor's (or tap's) traffic feed, collected while one request is traced. */
export interface TraceFeed {
  /** `supervisor feed` or `tap feed`. */
  source: string;
  entries(): readonly TrafficEntry[];
  /** Resolves true once `predicate` holds for the entries seen, false after `ms`. */
  waitFor(predicate: (entries: readonly TrafficEntry[]) => boolean, ms: number): Promise<boolean>;
  close(): void;
}

export type TraceFeedResult = { ok: true; feed: TraceFeed } | { ok: false; reason: string };

/**
 * Connects to the supervisor (or a tap), asks for its traffic feed with `monitor` and collects the
 * `traffic` entries. Never throws: a supervisor without a feed (the Rust one) or one that cannot be
 * reached gives the reason instead.
 */
export async function openTraceFeed(target: {
  url: string;
  token: string;
  timeoutMs: number;
}): Promise<TraceFeedResult> {
  const client = new SupervisorClient({
    url: target.url,
    authToken: target.token,
    requestTimeoutMs: target.timeoutMs,
    connectTimeoutMs: target.timeoutMs,
    reconnect: false,
    heartbeatIntervalMs: 0,
  });
  const entries: TrafficEntry[] = [];
  const waiters = new Set<() => void>();
  client.on("event", (parsed: ParsedEvent) => {
    if (parsed.kind !== "broadcast" || parsed.event.type !== "traffic") return;
    // A client connecting or going is no frame to trace.
    if (parsed.event.event !== undefined) return;
    const { type: _type, ...entry } = parsed.event;
    entries.push(entry as TrafficEntry);
    if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    for (const wake of waiters) wake();
  });
  let source: string;
  try {
    await client.connect();
    const reply = (await client.request({ type: "monitor" })) as { source?: unknown };
    source = reply.source === "tap" ? "tap feed" : "supervisor feed";
  } catch (error) {
    client.disconnect();
    const noFeed =
      error instanceof SupervisorError && error.supervisorMessage.startsWith("Invalid message format");
    return {
      ok: false,
      reason: noFeed
        ? `${target.url} has no traffic feed (the Rust supervisor?): run \`xswarm-dev tap\` in front of it, or use the embedded supervisor`
        : `cannot follow the supervisor at ${target.url}: ${(error as Error).message}`,
    };
  }
  return {
    ok: true,
    feed: {
      source,
      entries: () => entries,
      waitFor(predicate, ms) {
        if (predicate(entries)) return Promise.resolve(true);
        return new Promise((resolve) => {
          const done = (result: boolean) => {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(result);
          };
          const check = () => {
            if (predicate(entries)) done(true);
          };
          const timer = setTimeout(() => done(false), ms);
          waiters.add(check);
        });
      },
      close: () => client.disconnect(),
    },
  };
}
