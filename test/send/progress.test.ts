import { describe, expect, it } from "vitest";
import { createProgress, renderProgressLine } from "../../src/send/progress.js";

const state = { done: 42, total: 100, ok: 41, failed: 1, elapsedMs: 2000 };

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 80, writes, write: (s: string) => writes.push(s) > 0 };
}

describe("renderProgressLine", () => {
  it("draws a bar with counts and rate", () => {
    expect(renderProgressLine(state, 80)).toBe(
      `[${"#".repeat(17)}${".".repeat(23)}]   42/100  ok 41  failed 1  21/s`,
    );
  });

  it("fits a narrow terminal", () => {
    expect(renderProgressLine(state, 30).length).toBeLessThan(30);
    expect(renderProgressLine({ ...state, done: 100 }, 200)).toMatch(/^\[#{40}\]/);
  });
});

describe("createProgress", () => {
  it("draws nothing when the stream is not a terminal", () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream);
    progress.update(state);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });

  it("redraws in place at most every interval, always at the end, and clears the line", () => {
    const stream = fakeStream(true);
    let t = 0;
    const progress = createProgress(stream, { intervalMs: 100, now: () => t });
    progress.update({ ...state, done: 1 });
    t = 50;
    progress.update({ ...state, done: 2 });
    t = 150;
    progress.update({ ...state, done: 3 });
    t = 160;
    progress.update({ ...state, done: 100 });
    progress.finish();
    expect(stream.writes.length).toBe(4);
    expect(stream.writes.every((w) => w.startsWith("\r\x1b[2K"))).toBe(true);
    expect(stream.writes[2]).toContain("100/100");
    expect(stream.writes[3]).toBe("\r\x1b[2K");
  });
});
