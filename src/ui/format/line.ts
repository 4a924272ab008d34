import type { FeedEvent } from "../state/event-model.js";
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
  const { entry } = event;
  const style = THEME[event.category];
  const link =
    entry.reply_to === undefined
      ? ""
      : `↳ #${entry.reply_to}${entry.latency_ms === undefined ? "" : ` ${formatMs(entry.latency_ms)}`}`;
  return {
    time: clockTime(entry.time),
    seq: `#${entry.seq}`,
    arrow: ARROW[entry.direction],
    icon: style.icon,
    label: style.label,
    user: event.user ?? "",
    link,
    summary: TYPED.has(event.category) ? `${event.type} ${event.summary}`.trim() : event.summary,
  };
}

/** One plain line per event (no colour), for a stdout that is not a terminal. */
export function plainLine(event: FeedEvent): string {
  const p = lineParts(event);
  const head = `${p.time} ${p.seq} ${event.entry.connection_id} ${p.arrow} ${p.label}`;
  return [head, p.user && `user=${p.user}`, p.link, p.summary].filter(Boolean).join("  ");
}
