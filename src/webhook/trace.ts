import type { WebhookExchange } from "./exchange.js";
import { openTraceFeed, type TraceFeed } from "./trace-feed.js";
import { matchTrace, type TraceResult, type WebhookWindow } from "./trace-match.js";

/** How long after the webhook's answer the feed may still bring the supervisor's copy of the reply. */
export const TRACE_GRACE_MS = 1000;

/** `--trace`: the feed to follow and how the request is matched in it. */
export interface TraceTarget {
  url: string;
  token: string;
  timeoutMs: number;
}

/** A trace, or why there is none (no feed to follow). */
export type TraceOutcome = ({ source: string } & TraceResult) | { source: null; note: string; hops: [] };

/** The window of an exchange: what the sender sent and when. */
export function windowOf(exchange: WebhookExchange, answer: string): WebhookWindow {
  const f = exchange.request.fields;
  const sms = exchange.request.content_type === "application/x-www-form-urlencoded";
  const address = (v: string | undefined) => /<([^>]+)>/.exec(v ?? "")?.[1] ?? v ?? "";
  return {
    event: sms ? "sms_received" : "email_received",
    label: `POST ${new URL(exchange.request.url).pathname}`,
    from: sms ? (f.From ?? "") : address(f.from),
    to: sms ? (f.To ?? "") : address(f.to),
    text: sms ? (f.Body ?? "") : (f.subject ?? ""),
    sentAt: exchange.sentAt,
    answeredAt: exchange.answeredAt,
    answer,
  };
}

/**
 * Runs `send` while following the supervisor's traffic feed, then matches the request in it. The
 * feed is opened first so that nothing the request causes is missed; `send`'s errors pass through.
 */
export async function traced(
  target: TraceTarget,
  send: () => Promise<WebhookExchange>,
  describeAnswer: (exchange: WebhookExchange) => string,
): Promise<{ exchange: WebhookExchange; trace: TraceOutcome }> {
  const opened = await openTraceFeed(target);
  if (!opened.ok) return { exchange: await send(), trace: { source: null, note: opened.reason, hops: [] } };
  const feed: TraceFeed = opened.feed;
  try {
    const exchange = await send();
    const window = windowOf(exchange, describeAnswer(exchange));
    // The feed's copies travel on another socket: wait for the reply's copy (or give up after the grace).
    await feed.waitFor((entries) => {
      const trace = matchTrace(window, entries);
      return trace.reply_seq !== undefined;
    }, TRACE_GRACE_MS);
    return { exchange, trace: { source: feed.source, ...matchTrace(window, feed.entries()) } };
  } finally {
    feed.close();
  }
}
