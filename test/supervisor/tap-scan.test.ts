import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrame, tokenCandidates } from "../../src/supervisor/frame-text.js";
import { FrameTypes } from "../../src/supervisor/tap-scan.js";

const KNOWN = ["monitor", "sms_received", "x"];
const types = new FrameTypes(KNOWN);
const read = (text: string) => types.read(Buffer.from(text, "utf8"));

/** What the scanner claims must be what the full parse says, and a claimed frame holds no token. */
function agrees(text: string): void {
  const type = read(text);
  if (type === undefined) return;
  const parsed = parseFrame(text)?.type;
  expect(typeof parsed).toBe("string");
  expect(type).toBe(KNOWN.includes(parsed as string) ? parsed : null);
  expect(tokenCandidates(text)).toEqual([]);
}

const json = fc.jsonValue({ maxDepth: 4 });
/** Objects with a type among their keys, in every place, some keys repeated. */
const framed = fc
  .tuple(
    fc.dictionary(fc.constantFrom("type", "user", "token", "a", "Auth", "\\u0074ype"), json, { maxKeys: 5 }),
    fc.constantFrom("sms_received", "monitor", "monitors", "x", "auth", "AUTH", "x\\u0041", "é", ""),
  )
  .map(([rest, type]) => JSON.stringify({ ...rest, type }));
/** Valid frames cut, spliced and sprinkled with JSON's delicate characters. */
const mangled = fc
  .tuple(
    framed,
    fc.nat(),
    fc.constantFrom("", " ", "\\", '"', "}", ",", "\u0000", "\t", "0", "-", "e", "[", "\u00a0"),
  )
  .map(([text, cut, insert]) => {
    const at = cut % (text.length + 1);
    return text.slice(0, at) + insert + text.slice(at + (cut % 3));
  });

describe("FrameTypes", () => {
  it("reads the type of the frames the tap forwards most", () => {
    const sms = '{"type":"sms_received","from":"+15551234567","message":"Hi","user":"alice"}';
    expect(read(sms)).toBe("sms_received");
    expect(read(' {"a":[1,-2.5e+3,true,null,{"b":"\\n\\u00e9"}],"type":"x"}\n')).toBe("x");
    expect(read('{"type":"monitor"}')).toBe("monitor");
    expect(read('{"type":"monitors"}')).toBeNull();
    expect(read('{"type":"y"}')).toBeNull();
  });

  it("leaves to the full parse what it cannot read plainly", () => {
    for (const text of [
      '{"type":"auth","token":"secret-token"}',
      '{"type":"sms","note":"say \\"AUTH"}',
      '{"\\u0074ype":"x"}',
      '{"type":"\\u006donitor"}',
      '{"type":1}',
      '{"type":"x","type":2}',
      '{"type":"x"} trailing',
      '{"type":"x",}',
      '{"type":"x","n":01}',
      `${"[".repeat(1)}`,
      `{"type":"x","deep":${"[".repeat(128)}${"]".repeat(128)}}`,
      '\ufeff{"type":"x"}',
      "",
    ])
      expect(read(text), text).toBeUndefined();
    expect(read(`{"type":"x","deep":${"[".repeat(127)}${"]".repeat(127)}}`)).toBe("x");
  });

  it("never disagrees with parseFrame", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          framed,
          mangled,
          json.map((v) => JSON.stringify(v)),
        ),
        agrees,
      ),
      {
        numRuns: 5000,
      },
    );
    fc.assert(fc.property(fc.string({ unit: "binary" }), agrees), { numRuns: 2000 });
  });
});
