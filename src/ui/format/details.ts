import { type FeedEvent, frameOf } from "../state/event-model.js";
import { cellWidth, fitCells, wrapCells } from "./cells.js";
import { formatMs } from "./line.js";

/**
 * `─ #12 sms_received · c1 → supervisor · 2025-…Z · reply to #11 in 3 ms ───`: wrapped at the dots
 * onto more lines when it is wider than `width` (nothing of it is cut), the last one ruled to the edge.
 */
export function detailTitle(event: FeedEvent | undefined, width: number): string[] {
  let text = "─ Details ";
  if (event) {
    const e = event;
    const way = e.direction === "in" ? `${e.connectionId} → supervisor` : `supervisor → ${e.connectionId}`;
    const reply = e.replyTo === undefined ? "" : ` · reply to #${e.replyTo}`;
    const latency = e.latencyMs === undefined ? "" : ` in ${formatMs(e.latencyMs)}`;
    const remind = e.reminder ? " · reminder" : "";
    text = `─ #${e.seq} ${event.type} · ${way} · ${e.time}${reply}${latency}${remind} `;
  }
  const lines = wrapCells(text.trimEnd(), width, true).map((line) => fitCells(line, width));
  const last = `${lines.pop() ?? ""} `;
  return [...lines, fitCells(last + "─".repeat(Math.max(0, width - cellWidth(last))), width)];
}

/** The event's frame as pretty JSON (or its raw text / binary size), hard-wrapped at `width`. */
export function detailLines(event: FeedEvent, width: number): string[] {
  const text =
    event.json !== undefined
      ? JSON.stringify(frameOf(event), null, 2)
      : event.binaryBytes !== undefined
        ? `(binary frame, ${event.binaryBytes} bytes)`
        : `(not a JSON object)\n${event.raw ?? ""}`;
  return wrapCells(text, Math.max(10, width));
}
