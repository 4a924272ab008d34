import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFast } from "../../src/protocol/fast-path.js";
import { parseClientMessage, parseWithReader } from "../../src/protocol/tagged.js";
import { compactMessages, nearValidFrames } from "./near-valid-frames.js";

const EXTENSIONS = [[], ["monitor"]] as const;

/** The result with its message's keys in order, which toEqual alone does not compare. */
const ordered = (r: ReturnType<typeof parseWithReader>) =>
  r.ok ? { ok: true, entries: Object.entries(r.message) } : r;

describe("the JSON.parse fast path agrees with the serde-faithful reader", () => {
  it("on valid and near-valid frames (repeated keys, surrogates, numbers, whitespace, cut short)", () => {
    let fast = 0;
    fc.assert(
      fc.property(nearValidFrames, fc.constantFrom(...EXTENSIONS), (text, extensions) => {
        const slow = parseWithReader(text, extensions);
        const message = parseFast(text, extensions);
        if (message !== undefined) {
          fast += 1;
          expect(ordered({ ok: true, message })).toEqual(ordered(slow));
        }
        expect(ordered(parseClientMessage(text, extensions))).toEqual(ordered(slow));
      }),
      { numRuns: 4000 },
    );
    // Not vacuous: a good share of the frames must have taken the fast path.
    expect(fast).toBeGreaterThan(200);
  });

  it("takes every valid message JSON.stringify writes, and builds what the reader builds", () => {
    fc.assert(
      fc.property(compactMessages, (text) => {
        const message = parseFast(text, ["monitor"]);
        expect(message).toBeDefined();
        expect(ordered({ ok: true, message: message as never })).toEqual(ordered(parseWithReader(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['{"type":"auth","token":"a","token":"b"}', "a repeated field"],
    ['{"type":"auth","token":"a","type":"auth"}', "a repeated tag"],
    ['{"type":"ping","x":"a","x":"b"}', "a repeated unknown key (serde takes it; the reader answers)"],
    ['{"type":"ping", "x":"a","x":"b"}', "a repeated key in a spaced text"],
    ['{"type":"ping","x":"\\ud800"}', "a lone escaped surrogate"],
    ['{"type":"ping","x":"\\ud83d\\u0041"}', "a high surrogate before another escape"],
    ['{"type":"ping","x":"\ud800"}', "a raw lone surrogate"],
    ['{"type":"ping","x":1.0}', "a number"],
    ['{"type":"ping","x":{}}', "a nested value"],
    ['["ping"]', "the sequence form"],
  ])("leaves %s (%s) to the reader", (text) => {
    expect(parseFast(text, [])).toBeUndefined();
  });

  it("takes escapes, surrogate pairs, whitespace, __proto__ and defaults", () => {
    const text =
      '{ "__proto__" : "x", "type":"inject_suggestion",\n"text":"\\ud83d\\ude00\\n\\"\\\\u0041\\u00e9" }';
    expect(parseFast(text, [])).toEqual({
      type: "inject_suggestion",
      text: '😀\n"\\u0041é',
      priority: "normal",
    });
  });
});
