import stringWidth from "string-width";

// Widths here are terminal cells, not UTF-16 units: a CJK character or an emoji takes two cells,
// a combining mark none, and a surrogate pair is never split.

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The characters as the eye sees them (grapheme clusters). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

// Code points that are each a grapheme of their own, whatever follows them: Latin, punctuation,
// arrows, box drawing, shapes and symbols (the feed's icons), but no combining mark, joiner,
// variation selector, Hangul jamo or surrogate. A text of these alone is as wide as the sum of its
// characters, each measured once: string-width's segmenter and emoji test cost ~1 µs a character,
// and the feed measures every line it draws (its arrows keep it off string-width's ASCII path).
const SIMPLE = /^[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u2bff]*$/;
const ASCII = /^[\u0020-\u007e]*$/;
const charWidths = new Map<number, number>();

/** Columns `text` takes on a terminal. */
export function cellWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  if (!SIMPLE.test(text)) return stringWidth(text);
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x7f) {
      width += 1;
      continue;
    }
    let w = charWidths.get(code);
    if (w === undefined) {
      w = stringWidth(String.fromCharCode(code));
      charWidths.set(code, w);
    }
    width += w;
  }
  return width;
}

/**
 * `text` cut to at most `width` cells, with `…` where it was cut. (cli-truncate, which Ink uses,
 * gives one cell too many when a wide character meets the cut.)
 */
export function fitCells(text: string, width: number, position: "end" | "start" = "end"): string {
  if (width <= 0) return "";
  if (cellWidth(text) <= width) return text;
  const g = graphemes(text);
  if (position === "start") g.reverse();
  let used = 1;
  const kept: string[] = [];
  for (const piece of g) {
    const w = cellWidth(piece);
    if (used + w > width) break;
    kept.push(piece);
    used += w;
  }
  return position === "start" ? `…${kept.reverse().join("")}` : `${kept.join("")}…`;
}

/** `text` cut or padded with spaces to exactly `width` cells. */
export function padCells(text: string, width: number): string {
  const cut = fitCells(text, width);
  return cut + " ".repeat(Math.max(0, width - cellWidth(cut)));
}

/** The graphemes of `text` from cell `start` on, at most `width` cells (no grapheme is cut). */
export function sliceCells(text: string, start: number, width: number): string {
  let at = 0;
  let out = "";
  let used = 0;
  for (const g of graphemes(text)) {
    const w = cellWidth(g);
    if (at >= start) {
      if (used + w > width) break;
      out += g;
      used += w;
    }
    at += w;
  }
  return out;
}

/** Breaks one line into pieces of at most `width` cells, at grapheme boundaries. */
function hardWrap(line: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const g of graphemes(line)) {
    const w = cellWidth(g);
    if (used + w > width && piece !== "") {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += g;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * Wraps `text` to `width` cells: its own line breaks are kept; with `words`, lines break at spaces
 * where they can (a word longer than the width is broken), else exactly at the width.
 */
export function wrapCells(text: string, width: number, words = false): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (cellWidth(line) <= w) {
      out.push(line);
      continue;
    }
    if (!words) {
      out.push(...hardWrap(line, w));
      continue;
    }
    let current = "";
    for (const word of line.split(/(?<= )/)) {
      if (cellWidth(current + word.trimEnd()) <= w) {
        current += word;
        continue;
      }
      if (current !== "") out.push(current.trimEnd());
      const pieces = hardWrap(word, w);
      current = pieces.pop() ?? "";
      out.push(...pieces);
    }
    out.push(current.trimEnd());
  }
  return out;
}
