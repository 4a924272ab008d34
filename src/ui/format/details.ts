import type { FeedEvent } from "../state/event-model.js";
import { formatMs } from "./line.js";

/** `─ #12 sms_received · c1 → supervisor · 2025-…Z · reply to #11 in 3 ms ───`, cut to `width`. */
export function detailTitle(event: FeedEvent | undefined, width: number): string {
  let text = "─ Details ";
  if (event) {
    const e = event.entry;
    const way = e.direction === "in" ? `${e.connection_id} → supervisor` : `supervisor → ${e.connection_id}`;
    const reply = e.reply_to === undefined ? "" : ` · reply to #${e.reply_to}`;
    const latency = e.latency_ms === undefined ? "" : ` in ${formatMs(e.latency_ms)}`;
    text = `─ #${e.seq} ${event.type} · ${way} · ${e.time}${reply}${latency} `;
  }
  return text.length >= width ? text.slice(0, width) : text + "─".repeat(width - text.length);
}

/** The event's frame as pretty JSON (or its raw text / binary size), hard-wrapped at `width`. */
export function detailLines(event: FeedEvent, width: number): string[] {
  const e = event.entry;
  const text =
    e.frame !== null
      ? JSON.stringify(e.frame, null, 2)
      : e.binary_bytes !== undefined
        ? `(binary frame, ${e.binary_bytes} bytes)`
        : `(not a JSON object)\n${e.raw ?? ""}`;
  const lines: string[] = [];
  const w = Math.max(10, width);
  for (const line of text.split("\n")) {
    if (line.length <= w) lines.push(line);
    else for (let i = 0; i < line.length; i += w) lines.push(line.slice(i, i + w));
  }
  return lines;
}
