import { describe, expect, it } from "vitest";
import { NO_KEY, splitKeys } from "../../../src/ui/state/split-keys.js";

const names = (input: string) =>
  splitKeys(input, NO_KEY).map(({ input: i, key }) =>
    key.backspace ? "⌫" : key.tab ? "⇥" : key.return ? "⏎" : key.escape ? "esc" : key.ctrl ? `^${i}` : i,
  );

describe("splitKeys: every key of a burst acts, in order", () => {
  it("splits three Backspaces, two Tabs, Enter and text read in one chunk", () => {
    expect(names("\u007f\u007f\u007f")).toEqual(["⌫", "⌫", "⌫"]);
    expect(names("\t\t")).toEqual(["⇥", "⇥"]);
    expect(names("ab\u007f\r")).toEqual(["a", "b", "⌫", "⏎"]);
    expect(names("jjj")).toEqual(["j", "j", "j"]);
  });

  it("turns control characters into Ctrl keys and keeps wide characters whole", () => {
    expect(names("\u0001x\u0005")).toEqual(["^a", "x", "^e"]);
    expect(names("李😀")).toEqual(["李", "😀"]);
  });

  it("marks an upper-case letter as shifted (G goes to the bottom)", () => {
    expect(splitKeys("gG", NO_KEY).map((s) => s.key.shift)).toEqual([false, true]);
  });

  it("leaves a single key, a key Ink named and a paste alone", () => {
    expect(splitKeys("a", NO_KEY)).toEqual([{ input: "a", key: NO_KEY }]);
    const up = { ...NO_KEY, upArrow: true };
    expect(splitKeys("", up)).toEqual([{ input: "", key: up }]);
    const paste = { ...NO_KEY, paste: true };
    expect(splitKeys("two\nlines", paste)).toEqual([{ input: "two\nlines", key: paste }]);
  });
});
