import { describe, expect, it } from "vitest";
import { applyEdit, type EditOp, type LineEdit } from "../../../src/ui/state/line-editor.js";

/** `|` marks the cursor. */
const graphemes = (text: string) => Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);
const at = (marked: string): LineEdit => ({
  text: marked.replace("|", ""),
  cursor: graphemes(marked.split("|")[0] ?? "").length,
});
const show = (e: LineEdit) => {
  const g = graphemes(e.text);
  return [...g.slice(0, e.cursor), "|", ...g.slice(e.cursor)].join("");
};
const run = (marked: string, ...ops: EditOp["kind"][]) =>
  show(ops.reduce((e, kind) => applyEdit(e, { kind } as EditOp), at(marked)));

describe("the composer's line editor", () => {
  it("inserts at the cursor, not at the end", () => {
    expect(show(applyEdit(at("hel|o"), { kind: "insert", text: "l" }))).toBe("hell|o");
    expect(show(applyEdit(at("|"), { kind: "insert", text: "a\nb" }))).toBe("a\nb|");
  });

  it("moves by character, to Home / End and by word", () => {
    expect(run("abc|", "left", "left")).toBe("a|bc");
    expect(run("|abc", "left", "right")).toBe("a|bc");
    expect(run("ab|c", "home")).toBe("|abc");
    expect(run("a|bc", "end")).toBe("abc|");
    expect(run("one two three|", "wordLeft")).toBe("one two |three");
    expect(run("one two three|", "wordLeft", "wordLeft")).toBe("one |two three");
    expect(run("|one two", "wordRight")).toBe("one| two");
    expect(run("one| two", "wordRight")).toBe("one two|");
  });

  it("deletes back, forward, to the line start (Ctrl-U), to the end (Ctrl-K) and a word (Ctrl-W)", () => {
    expect(run("abc|", "backspace")).toBe("ab|");
    expect(run("|abc", "backspace")).toBe("|abc");
    expect(run("a|bc", "delete")).toBe("a|c");
    expect(run("hello wor|ld", "killToStart")).toBe("|ld");
    expect(run("hello wor|ld", "killToEnd")).toBe("hello wor|");
    expect(run("hello world  |", "killWordBack")).toBe("hello |");
  });

  it("keeps to the cursor's line in a multi-line body", () => {
    expect(run("first\nsec|ond", "home")).toBe("first\n|second");
    expect(run("fi|rst\nsecond", "end")).toBe("first|\nsecond");
    expect(run("first\nsec|ond", "killToStart")).toBe("first\n|ond");
    expect(run("fi|rst\nsecond", "killToEnd")).toBe("fi|\nsecond");
  });

  it("never splits an emoji or a CJK character (graphemes, not UTF-16 units)", () => {
    expect(run("a😀|", "backspace")).toBe("a|");
    expect(run("👍🏽李|", "left", "left", "backspace")).toBe("|👍🏽李");
    expect(run("a👍🏽|b", "left", "delete")).toBe("a|b");
  });
});
