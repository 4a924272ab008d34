// The JSON values the differential fuzz puts in fields and in the tag (frames.ts builds frames of them).
import fc from "fast-check";
import { MESSAGES, objectText, raw } from "../../conformance/cases/spec.js";

type Entries = [string, unknown][];

const TYPES = MESSAGES.map((m) => m.type);
const FIELD_NAMES = [...new Set(MESSAGES.flatMap((m) => m.fields.map((f) => f.name)))];

/** Numbers in every form serde tells apart: integers near the i32/i64/u64 edges, floats, `-0`, out of range. */
const numberText = fc
  .oneof(
    fc.constantFrom("0", "-0", "1.0", "1e2", "1E+2", "-1.5e-3", "0.0", "-0.0", "1e400", "-1e400", "1e-400"),
    fc.constantFrom("2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296"),
    fc.constantFrom(
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775809",
      "18446744073709551616",
    ),
    fc.integer({ min: -2_147_483_700, max: 2_147_483_700 }).map(String),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  )
  .map(raw);

export const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 16 }),
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.constantFrom("", "dev-token-12345", "high", "normal", "low", "Hello", ...TYPES),
);

/** String literals written by hand: escapes serde reads, and those it refuses. */
const escaped = fc
  .constantFrom(
    '"\\ud800"',
    '"\\udc00"',
    '"\\ud800\\u0041"',
    '"\\ud83d\\ude00"',
    '"caf\\u00e9"',
    '"\\x41"',
    '"\\u12"',
    '"a\\nb\\t\\"\\\\\\/"',
    '"h\\u0069gh"',
    '"\u0001"',
  )
  .map(raw);

/**
 * A string literal of any code points, each written raw or as `\\uXXXX` (an astral one as two
 * escapes); control characters are escaped unless `raw` says otherwise. Exercises reading and echoing.
 */
export const stringLiteral = fc
  .record({
    s: fc.string({ unit: "binary", maxLength: 12 }),
    escapes: fc.array(fc.boolean(), { maxLength: 24 }),
    raw: fc.nat(19),
  })
  .map(({ s, escapes, raw: rawControls }) => {
    let out = "";
    let i = 0;
    for (const ch of s) {
      const control = ch < " ";
      if (escapes[i++ % Math.max(escapes.length, 1)] || (control && rawControls !== 0)) {
        // an astral character becomes its two surrogate escapes
        for (let u = 0; u < ch.length; u++) out += `\\u${ch.charCodeAt(u).toString(16).padStart(4, "0")}`;
      } else if (ch === '"' || ch === "\\") {
        out += `\\${ch}`;
      } else {
        out += ch;
      }
    }
    return raw(`"${out}"`);
  });

const deep = fc
  .record({ depth: fc.integer({ min: 124, max: 132 }), object: fc.boolean() })
  .map(({ depth, object }) =>
    raw(
      object ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`,
    ),
  );

export const key = fc.oneof(
  fc.constantFrom("type", ...FIELD_NAMES),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    numberText,
    text,
    escaped,
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 3 }),
  object: fc
    .array(fc.tuple(key, tie("value")), { maxLength: 3 })
    .map((entries) => raw(objectText(entries as Entries))),
}));

export const fieldValue = fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: deep });

export const tagValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TYPES) },
  { weight: 1, arbitrary: fc.constantFrom(...TYPES).map((t) => t.toUpperCase()) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...TYPES)
      .map((t) => raw(`"\\u00${t.charCodeAt(0).toString(16)}${t.slice(1)}"`)),
  },
  { weight: 1, arbitrary: value },
);
