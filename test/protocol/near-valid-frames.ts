import fc from "fast-check";
import { PRIORITIES, RUST_VARIANTS } from "../../src/protocol/variants.js";

/** A member of a frame as raw JSON text: the key's token and the value's token. */
type Member = [key: string, value: string];

const TAGS = [...Object.keys(RUST_VARIANTS), "monitor", "wat"];
const FIELDS = [...new Set(Object.values(RUST_VARIANTS).flatMap((v) => Object.keys(v)))];
const WHITESPACE = ["", "", "", " ", "\n", "\t", "\r\n "];

/** Where JSON.parse and serde_json read numbers differently, or one of them refuses. */
const NUMBERS = [
  "0",
  "7",
  "-1",
  "1.0",
  "1e3",
  "-0",
  "2147483648",
  "-2147483649",
  "18446744073709551615",
  "18446744073709551616",
  "-9223372036854775809",
  "1e400",
  "18446744073709551616.5",
  "01",
  "1.",
];
const NESTED = ["{}", "[]", '{"high":null}', '{"high":null,"high":null}', '["a",{"b":1}]', "[[[]]]", "true"];

const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, "0")}`;

/** Only `"`, `\` and control characters escaped: anything else, a lone surrogate too, left raw. */
function rawToken(s: string): string {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const unit = s.charCodeAt(k);
    out += unit < 0x20 || unit === 0x22 || unit === 0x5c ? hex(unit) : s[k];
  }
  return `${out}"`;
}

/** A string, including lone surrogates, control characters, quotes and backslashes. */
const rawString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
  fc.constantFrom(...PRIORITIES, "type", "__proto__", "\ud83d\ude00", "\ud800", "\udc00", 'a"b\\c', "é—"),
);

/**
 * A string as a JSON token, written several ways: JSON.stringify's escapes, every non-ASCII unit as
 * `\uXXXX` (as Python writes it, lone surrogates too), raw (a lone surrogate left in the text),
 * or with its first letter escaped (`"\u0074ype"`).
 */
const token = (s: string) =>
  fc.constantFrom(
    JSON.stringify(s),
    JSON.stringify(s).replace(/[^\x20-\x7e]/g, (ch) => hex(ch.charCodeAt(0))),
    rawToken(s),
    s.length > 0 ? `"${hex(s.charCodeAt(0))}${JSON.stringify(s).slice(1)}` : '""',
  );

const stringToken = rawString.chain(token);
const keyToken = fc
  .oneof(fc.constantFrom(...FIELDS, "type", "x", "__proto__", "constructor"), rawString)
  .chain(token);
/** Surrogate escapes serde refuses or takes: lone, reversed, a pair, a high one before another escape. */
const surrogateToken = fc.constantFrom(
  '"\\ud800"',
  '"\\udc00"',
  '"\\udc00\\ud800"',
  '"\\ud83d\\ude00"',
  '"\\uD83D\\uDE00"',
  '"\\ud800\\n"',
  '"\\ud800\\u0041"',
  '"a\\\\ud800"',
);
const valueToken = fc.oneof(
  { weight: 8, arbitrary: stringToken },
  { weight: 2, arbitrary: fc.constant("null") },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS, ...NESTED) },
  { weight: 1, arbitrary: surrogateToken },
);

/** The members of a message of `tag`: its fields (some left out), the tag, unknown extras. */
const members = (tag: string): fc.Arbitrary<Member[]> => {
  const fields = Object.keys((RUST_VARIANTS as Record<string, Record<string, string>>)[tag] ?? {});
  const field = (name: string) =>
    fc.option(
      fc
        .oneof({ weight: 6, arbitrary: stringToken }, { weight: 1, arbitrary: valueToken })
        .map((v): Member => [JSON.stringify(name), v]),
      { nil: undefined, freq: 8 },
    );
  const extras = fc.array(fc.tuple(keyToken, valueToken), { maxLength: 2 });
  const typeMember = fc.oneof(
    { weight: 9, arbitrary: fc.constant<Member>(['"type"', JSON.stringify(tag)]) },
    { weight: 1, arbitrary: fc.tuple(keyToken, valueToken) },
  );
  return fc
    .tuple(typeMember, fc.tuple(...fields.map(field)), extras)
    .map(([t, fs, xs]) => [t, ...fs.filter((m): m is Member => m !== undefined), ...xs]);
};

/** Valid and near-valid client frames: shuffled, spaced, with repeated members, sometimes cut short. */
export const nearValidFrames: fc.Arbitrary<string> = fc
  .constantFrom(...TAGS)
  .chain(members)
  .chain((ms) =>
    fc.tuple(
      fc.shuffledSubarray(ms, { minLength: ms.length }),
      fc.option(fc.tuple(fc.nat(ms.length), fc.nat(ms.length), fc.option(valueToken)), { freq: 3 }),
      fc.array(fc.constantFrom(...WHITESPACE), {
        minLength: 4 * ms.length + 8,
        maxLength: 4 * ms.length + 8,
      }),
      fc.constantFrom("object", "object", "object", "object", "sequence", "cut"),
      fc.nat(),
    ),
  )
  .map(([ms, dup, ws, form, cut]) => {
    const list = [...ms];
    if (dup !== null && list.length > 0) {
      const [from, to, value] = dup;
      const copy = list[from % list.length] as Member;
      list.splice(to, 0, [copy[0], value ?? copy[1]]);
    }
    let w = 0;
    const s = () => ws[w++ % ws.length];
    const text =
      form === "sequence"
        ? `${s()}[${list.map(([, v]) => `${s()}${v}${s()}`).join(",")}]${s()}`
        : `${s()}{${list.map(([k, v]) => `${s()}${k}${s()}:${s()}${v}${s()}`).join(",")}}${s()}`;
    return form === "cut" ? text.slice(0, cut % (text.length + 1)) : text;
  });

/** Valid messages as JSON.stringify writes them (no lone surrogates): the fast path's everyday input. */
export const compactMessages: fc.Arbitrary<string> = fc
  .constantFrom(...Object.keys(RUST_VARIANTS))
  .chain((tag) => {
    const kinds = (RUST_VARIANTS as Record<string, Record<string, string>>)[tag] ?? {};
    const text = fc.string({ unit: "grapheme", maxLength: 40 });
    const fields = Object.entries(kinds).map(([name, kind]) => {
      if (kind === "string") return fc.tuple(fc.constant(name), text);
      if (kind === "priority")
        return fc.tuple(fc.constant(name), fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }));
      if (kind === "optionalI32") return fc.tuple(fc.constant(name), fc.constant(null));
      return fc.tuple(fc.constant(name), fc.option(text, { nil: null }));
    });
    return fc
      .tuple(fc.tuple(...fields), fc.dictionary(fc.string({ maxLength: 6 }), text, { maxKeys: 2 }))
      .map(([fs, extra]) => JSON.stringify({ ...extra, type: tag, ...Object.fromEntries(fs) }));
  });
