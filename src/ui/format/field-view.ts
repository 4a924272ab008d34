import { cellWidth, graphemes } from "./cells.js";

/** What a one-line field shows of its text: the part before the cursor, under it, and after it. */
export interface FieldWindow {
  before: string;
  /** The grapheme under the cursor, or a space at the end of the text. */
  at: string;
  after: string;
  /** Text is hidden to the left / to the right. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * The window of `room` cells a field shows of `text` so that the cursor stays in view: a long text
 * scrolls inside its field (the label stays), by whole graphemes.
 */
export function fieldWindow(text: string, cursor: number, room: number): FieldWindow {
  const g = graphemes(text);
  const c = Math.max(0, Math.min(g.length, cursor));
  const widths = g.map(cellWidth);
  const cells = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  const space = Math.max(2, room);
  const atWidth = widths[c] ?? 1;
  // Start as far left as possible, then move right until the cursor fits (one cell kept for `…`).
  let start = 0;
  while (start < c && cells(start, c) + atWidth > space - (start > 0 ? 1 : 0)) start++;
  let end = c + 1;
  const limit = space - (start > 0 ? 1 : 0);
  while (end < g.length && cells(start, end + 1) <= limit - (end + 1 < g.length ? 1 : 0)) end++;
  return {
    before: g.slice(start, c).join(""),
    at: g[c] ?? " ",
    after: g.slice(c + 1, Math.max(c + 1, end)).join(""),
    clippedStart: start > 0,
    clippedEnd: Math.max(c + 1, end) < g.length,
  };
}
