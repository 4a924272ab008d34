import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gsm7Cost, smsSegments } from "../../src/send/segments.js";

describe("smsSegments", () => {
  it("counts a plain text as GSM-7, one segment", () => {
    expect(smsSegments("Hello boss")).toEqual({
      encoding: "GSM-7",
      characters: 10,
      units: 10,
      segments: 1,
      perSegment: 160,
    });
  });

  it("counts 0 segments for an empty text", () => {
    expect(smsSegments("").segments).toBe(0);
  });

  it("fits 160 GSM-7 characters in one segment and 161 in two", () => {
    expect(smsSegments("a".repeat(160))).toMatchObject({ segments: 1, perSegment: 160 });
    expect(smsSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts € and { as two septets, staying in GSM-7", () => {
    expect(smsSegments("€")).toMatchObject({ encoding: "GSM-7", characters: 1, units: 2 });
    expect(smsSegments("{x}")).toMatchObject({ encoding: "GSM-7", characters: 3, units: 5 });
    expect(smsSegments("€".repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it("never splits an escape pair across parts", () => {
    // 152 plain septets then `€` (2): 154 do not fit in 153, so the euro starts part two.
    const text = `${"a".repeat(152)}€${"a".repeat(10)}`;
    expect(smsSegments(text)).toMatchObject({ units: 164, segments: 2 });
    const tight = `${"a".repeat(152)}€${"a".repeat(152)}`;
    expect(smsSegments(tight)).toMatchObject({ units: 306, segments: 3 });
  });

  it("knows the GSM 03.38 letters that look foreign", () => {
    for (const char of ["é", "Ñ", "ß", "Δ", "Ω", "¿", "¤", "à", "\n"]) expect(gsm7Cost(char)).toBe(1);
    for (const char of ["^", "\\", "[", "]", "~", "|", "\f"]) expect(gsm7Cost(char)).toBe(2);
    for (const char of ["á", "ç", "`", "😀", "ı"]) expect(gsm7Cost(char)).toBeUndefined();
  });

  it("switches to UCS-2 for an emoji, which counts two UTF-16 units", () => {
    expect(smsSegments("Hi 😀")).toEqual({
      encoding: "UCS-2",
      characters: 4,
      units: 5,
      segments: 1,
      perSegment: 70,
    });
  });

  it("counts € as one unit once the text is UCS-2", () => {
    expect(smsSegments("€ á")).toMatchObject({ encoding: "UCS-2", units: 3 });
  });

  it("fits 70 UCS-2 units in one segment and 71 in two of 67", () => {
    expect(smsSegments("á".repeat(70))).toMatchObject({ segments: 1, perSegment: 70 });
    expect(smsSegments("á".repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsSegments("á".repeat(134)).segments).toBe(2);
    expect(smsSegments("á".repeat(135)).segments).toBe(3);
  });

  it("never splits a surrogate pair across parts", () => {
    expect(smsSegments(`${"á".repeat(66)}😀`)).toMatchObject({ units: 68, segments: 1 });
    expect(smsSegments(`${"á".repeat(66)}😀😀`)).toMatchObject({ units: 70, segments: 1 });
    expect(smsSegments(`${"á".repeat(66)}😀😀x`)).toMatchObject({ units: 71, segments: 2 });
    // 66 + 2 does not fit in 67: the emoji moves to part two.
    expect(smsSegments(`${"á".repeat(66)}😀${"á".repeat(10)}`)).toMatchObject({ units: 78, segments: 2 });
  });

  it("always has enough segments for its units", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const s = smsSegments(text);
        if (s.units === 0) return s.segments === 0;
        const minimum = s.segments === 1 ? 1 : Math.ceil(s.units / s.perSegment);
        return s.segments >= minimum && (s.segments - 1) * s.perSegment < s.units + s.segments;
      }),
    );
  });
});
