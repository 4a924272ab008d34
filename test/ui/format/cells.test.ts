import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { fitCells, padCells, sliceCells, wrapCells } from "../../../src/ui/format/cells.js";
import { fieldWindow } from "../../../src/ui/format/field-view.js";

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("widths by display cells", () => {
  it("pads CJK and emoji names to the same number of cells as ASCII ones", () => {
    for (const name of ["alice", "李小龍", "😀😀", "Zoë"]) expect(stringWidth(padCells(name, 8))).toBe(8);
    expect(stringWidth(padCells("李小龍李小龍", 8))).toBe(8);
  });

  it("cuts without splitting a surrogate pair", () => {
    const cut = fitCells("😀".repeat(20), 9);
    expect(stringWidth(cut)).toBeLessThanOrEqual(9);
    expect(cut).not.toMatch(lone);
    expect(sliceCells("a😀b😀", 1, 3)).toBe("😀b");
  });

  it("word-wraps at spaces, keeps line breaks, and breaks a word longer than the width", () => {
    expect(wrapCells("one two three four", 9, true)).toEqual(["one two", "three", "four"]);
    expect(wrapCells("a\nb", 9, true)).toEqual(["a", "b"]);
    expect(wrapCells("abcdefghij", 4, true)).toEqual(["abcd", "efgh", "ij"]);
    for (const line of wrapCells("李小龍李小龍李小龍", 5)) expect(stringWidth(line)).toBeLessThanOrEqual(5);
  });

  it("scrolls a long field so that the cursor stays in view", () => {
    const text = "x".repeat(100);
    const end = fieldWindow(text, 100, 20);
    expect(end.clippedStart).toBe(true);
    expect(end.at).toBe(" ");
    expect(stringWidth(`…${end.before}${end.at}${end.after}`)).toBeLessThanOrEqual(20);
    const start = fieldWindow(text, 0, 20);
    expect(start.clippedStart).toBe(false);
    expect(start.clippedEnd).toBe(true);
  });
});
