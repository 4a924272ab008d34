import { graphemes } from "../format/cells.js";

/** A text being edited and where its cursor stands, in graphemes (what the eye counts as characters). */
export interface LineEdit {
  text: string;
  cursor: number;
}

/** The editing operations of the composer's fields, as the keymap names them. */
export type EditOp =
  | { kind: "insert"; text: string }
  | {
      kind:
        | "backspace"
        | "delete"
        | "left"
        | "right"
        | "home"
        | "end"
        | "wordLeft"
        | "wordRight"
        | "killToStart"
        | "killToEnd"
        | "killWordBack";
    };

const isSpace = (g: string | undefined) => g !== undefined && /^\s+$/.test(g);

/** The cursor's line: index of its first grapheme and one past its last (a line ends at `\n`). */
function lineBounds(g: readonly string[], cursor: number): [number, number] {
  let start = cursor;
  while (start > 0 && g[start - 1] !== "\n") start--;
  let end = cursor;
  while (end < g.length && g[end] !== "\n") end++;
  return [start, end];
}

function wordLeft(g: readonly string[], cursor: number): number {
  let i = cursor;
  while (i > 0 && isSpace(g[i - 1])) i--;
  while (i > 0 && !isSpace(g[i - 1])) i--;
  return i;
}

function wordRight(g: readonly string[], cursor: number): number {
  let i = cursor;
  while (i < g.length && isSpace(g[i])) i++;
  while (i < g.length && !isSpace(g[i])) i++;
  return i;
}

const edit = (g: readonly string[], cursor: number): LineEdit => ({ text: g.join(""), cursor });

/** Applies one operation. Pure; the cursor is clamped to the text. */
export function applyEdit(state: LineEdit, op: EditOp): LineEdit {
  const g = graphemes(state.text);
  const cursor = Math.max(0, Math.min(g.length, state.cursor));
  const [lineStart, lineEnd] = lineBounds(g, cursor);
  switch (op.kind) {
    case "insert": {
      const added = graphemes(op.text);
      return edit([...g.slice(0, cursor), ...added, ...g.slice(cursor)], cursor + added.length);
    }
    case "backspace":
      return cursor === 0
        ? { ...state, cursor }
        : edit([...g.slice(0, cursor - 1), ...g.slice(cursor)], cursor - 1);
    case "delete":
      return edit([...g.slice(0, cursor), ...g.slice(cursor + 1)], cursor);
    case "left":
      return { text: state.text, cursor: Math.max(0, cursor - 1) };
    case "right":
      return { text: state.text, cursor: Math.min(g.length, cursor + 1) };
    case "home":
      return { text: state.text, cursor: lineStart };
    case "end":
      return { text: state.text, cursor: lineEnd };
    case "wordLeft":
      return { text: state.text, cursor: wordLeft(g, cursor) };
    case "wordRight":
      return { text: state.text, cursor: wordRight(g, cursor) };
    case "killToStart":
      return edit([...g.slice(0, lineStart), ...g.slice(cursor)], lineStart);
    case "killToEnd":
      return edit([...g.slice(0, cursor), ...g.slice(lineEnd)], cursor);
    case "killWordBack": {
      const to = wordLeft(g, cursor);
      return edit([...g.slice(0, to), ...g.slice(cursor)], to);
    }
  }
}

/** The end of `text`, where a field's cursor goes when the field is focused. */
export function endOf(text: string): number {
  return graphemes(text).length;
}
