import type { TrafficEntry } from "../../protocol/events.js";
import { classify, type FeedEvent, linkText } from "../state/event-model.js";
import { summarizeEntry, summaryOf } from "../state/summary.js";
import { ARROW, THEME } from "./theme.js";

/** Categories that group several types: their lines name the type too. */
const TYPED = new Set(["broadcast", "control", "ping", "other", "unknown"]);

/** Local wall-clock time of an RFC 3339 string, `HH:MM:SS`. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "--:--:--";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** `3 ms`, `12.4 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Math.round(ms * 10) / 10} ms`;
}

/**
 * The header's round-trip time: whole milliseconds, `<1 ms` below one. Coarser than formatMs on
 * purpose: the reducer keeps its state (no frame) while this text stays the same, and a local
 * link's sub-millisecond jitter at 0.1 ms would change it, so redraw the screen, on every 5-s ping.
 */
export function formatPing(ms: number | undefined): string {
  if (ms === undefined) return "–";
  if (ms < 1) return "<1 ms";
  return ms >= 1000 ? formatMs(ms) : `${Math.round(ms)} ms`;
}

/**
 * The header keeps showing `shown` for a new round trip `next`: the same text, or a move within a
 * ping's jitter (a millisecond, or a fifth), so a local link's 0.9/1.7 ms on a busy machine does not
 * change the text (a frame) each 5 s.
 */
export function samePing(shown: number | undefined, next: number | undefined): boolean {
  if (shown === undefined || next === undefined) return shown === next;
  return formatPing(shown) === formatPing(next) || Math.abs(next - shown) < Math.max(1, shown / 5);
}

/** The parts of a feed line, before colour and width are applied. */
export interface LineParts {
  time: string;
  seq: string;
  arrow: string;
  icon: string;
  label: string;
  user: string;
  /** For a reply: `↳ #12 3 ms`. */
  link: string;
  summary: string;
}

export function lineParts(event: FeedEvent): LineParts {
  return parts(
    event,
    event.seq,
    event.direction,
    event.replyTo,
    event.latencyMs,
    event.time,
    summaryOf(event),
  );
}

function parts(
  c: Pick<FeedEvent, "type" | "category" | "user">,
  seq: number,
  direction: FeedEvent["direction"],
  replyTo: number | undefined,
  latencyMs: number | undefined,
  time: string,
  summary: string,
): LineParts {
  const style = THEME[c.category];
  const link =
    replyTo === undefined ? "" : `↳ #${replyTo}${latencyMs === undefined ? "" : ` ${formatMs(latencyMs)}`}`;
  return {
    time: clockTime(time),
    seq: `#${seq}`,
    arrow: ARROW[direction],
    icon: style.icon,
    label: style.label,
    user: c.user ?? "",
    link,
    summary: TYPED.has(c.category) ? `${c.type} ${summary}`.trim() : summary,
  };
}

/** One plain line per entry (no colour), for a stdout that is not a terminal. */
export function plainLine(entry: TrafficEntry): string {
  if (entry.event)
    return `${clockTime(entry.time)} #${entry.seq} ${entry.connection_id} ── ${linkText(entry)}`;
  const c = classify(entry);
  const p = parts(
    c,
    entry.seq,
    entry.direction,
    entry.reply_to,
    entry.latency_ms,
    entry.time,
    summarizeEntry(entry),
  );
  const head = `${p.time} ${p.seq} ${entry.connection_id} ${p.arrow} ${p.label}`;
  return [head, p.user && `user=${p.user}`, p.link, p.summary].filter(Boolean).join("  ");
}
