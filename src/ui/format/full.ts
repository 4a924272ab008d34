import { type FeedEvent, frameOf } from "../state/event-model.js";
import { wrapCells } from "./cells.js";
import { formatMs } from "./line.js";

/** A line of the full view: the text and whether it is a heading. */
export interface FullLine {
  text: string;
  heading?: boolean;
}

const way = (e: FeedEvent) =>
  e.direction === "in" ? `${e.connectionId} → supervisor` : `supervisor → ${e.connectionId}`;

function describe(e: FeedEvent, width: number): FullLine[] {
  const lines: FullLine[] = [];
  const head = `#${e.seq} ${e.type} · ${way(e)} · ${e.time}${e.reminder ? " · a reminder (answers no request)" : ""}`;
  for (const text of wrapCells(head, width, true)) lines.push({ text, heading: true });
  const frame = frameOf(e);
  if (!frame) {
    const what =
      e.binaryBytes !== undefined ? `(binary frame, ${e.binaryBytes} bytes)` : "(not a JSON object)";
    lines.push({ text: what });
    for (const text of wrapCells(e.raw ?? "", width, true)) lines.push({ text });
    return lines;
  }
  const keyWidth = Math.min(16, Math.max(...Object.keys(frame).map((k) => k.length)) + 1);
  for (const [key, value] of Object.entries(frame)) {
    const shown = typeof value === "string" ? value : JSON.stringify(value, null, 2);
    const label = `${key}:`.padEnd(keyWidth + 1);
    const body = wrapCells(shown, Math.max(10, width - label.length), true);
    body.forEach((text, i) => {
      lines.push({ text: `${i === 0 ? label : " ".repeat(label.length)}${text}` });
    });
  }
  return lines;
}

/**
 * Every line of the full-screen view of `event`: its header and every field of its frame (strings with
 * their line breaks, word-wrapped at `width`), then the other half of its request/reply pair with the
 * latency between them.
 */
export function fullLines(event: FeedEvent, pair: FeedEvent | undefined, width: number): FullLine[] {
  const lines = describe(event, width);
  if (!pair) {
    if (event.direction === "in" && (event.type === "sms_received" || event.type === "email_received"))
      lines.push({ text: "" }, { text: "(no reply in the feed yet)" });
    return lines;
  }
  const reply = event.direction === "out" ? event : pair;
  const latency = reply.latencyMs === undefined ? "" : ` in ${formatMs(reply.latencyMs)}`;
  const title = event.direction === "in" ? `reply${latency}` : `request (answered${latency})`;
  lines.push({ text: "" }, { text: `── ${title} ──`, heading: true }, ...describe(pair, width));
  return lines;
}
