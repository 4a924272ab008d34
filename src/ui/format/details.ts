import { type FeedEvent, frameOf } from "../state/event-model.js";
import { formatMs } from "./line.js";

/** `─ #12 sms_received · c1 → supervisor · 2025-…Z · reply to #11 in 3 ms ───`, cut to `width`. */
export function detailTitle(event: FeedEvent | undefined, width: number): string {
  let text = "─ Details ";
  if (event) {
    const e = event;
    const way = e.direction === "in" ? `${e.connectionId} → supervisor` : `supervisor → ${e.connectionId}`;
    const reply = e.replyTo === undefined ? "" : ` · reply to #${e.replyTo}`;
    const latency = e.latencyMs === undefined ? "" : ` in ${formatMs(e.latencyMs)}`;
    text = `─ #${e.seq} ${event.type} · ${way} · ${e.time}${reply}${latency} `;
  }
  return text.length >= width ? text.slice(0, width) : text + "─".repeat(width - text.length);
}

/** The event's frame as pretty JSON (or its raw text / binary size), hard-wrapped at `width`. */
export function detailLines(event: FeedEvent, width: number): string[] {
  const text =
    event.json !== undefined
      ? JSON.stringify(frameOf(event), null, 2)
      : event.binaryBytes !== undefined
        ? `(binary frame, ${event.binaryBytes} bytes)`
        : `(not a JSON object)\n${event.raw ?? ""}`;
  const lines: string[] = [];
  const w = Math.max(10, width);
  for (const line of text.split("\n")) {
    if (line.length <= w) lines.push(line);
    else for (let i = 0; i < line.length; i += w) lines.push(line.slice(i, i + w));
  }
  return lines;
}
