import fc from "fast-check";
import {
  AUTH_BAD,
  AUTH_OK,
  MESSAGES,
  objectText,
  validEntries,
  valueText,
} from "../../conformance/cases/spec.js";
import { fieldValue, key, stringLiteral, tagValue, text } from "./fuzz-values.js";

type Entries = [string, unknown][];

type Op =
  | { op: "drop"; at: number }
  | { op: "duplicate"; at: number; value: unknown; same: boolean }
  | { op: "retype"; at: number; value: unknown }
  | { op: "swap"; a: number; b: number }
  | { op: "extra"; at: number; key: string; value: unknown }
  | { op: "tag"; value: unknown }
  | { op: "text"; at: number; value: unknown };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), value: fieldValue, same: fc.boolean() }),
  fc.record({ op: fc.constant("retype" as const), at: fc.nat(), value: fieldValue }),
  fc.record({ op: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant("extra" as const), at: fc.nat(), key, value: fieldValue }),
  fc.record({ op: fc.constant("tag" as const), value: tagValue }),
  fc.record({ op: fc.constant("text" as const), at: fc.nat(), value: fc.oneof(text, stringLiteral) }),
);

function apply(entries: Entries, o: Op): Entries {
  const out = [...entries];
  const n = out.length;
  switch (o.op) {
    case "drop":
      if (n > 0) out.splice(o.at % n, 1);
      return out;
    case "duplicate": {
      if (n === 0) return out;
      const [k, v] = out[o.at % n] as [string, unknown];
      out.splice((o.at * 7) % (n + 1), 0, [k, o.same ? v : o.value]);
      return out;
    }
    case "text":
      // a field's value, not the tag, where there is one: the answers echo some of these strings
      if (n > 1) out[1 + (o.at % (n - 1))] = [(out[1 + (o.at % (n - 1))] as [string, unknown])[0], o.value];
      return out;
    case "retype":
      if (n > 0) out[o.at % n] = [(out[o.at % n] as [string, unknown])[0], o.value];
      return out;
    case "swap":
      if (n > 1)
        [out[o.a % n], out[o.b % n]] = [out[o.b % n] as [string, unknown], out[o.a % n] as [string, unknown]];
      return out;
    case "extra":
      out.splice(o.at % (n + 1), 0, [o.key, o.value]);
      return out;
    case "tag":
      return out.map(([k, v]): [string, unknown] => [k, k === "type" ? o.value : v]);
  }
}

const WHITESPACE = [" ", "\n", "\t", "\r\n", "  \n  "];

/** A message of one of the twelve types (its own fields, or another type's), mutated, as object or sequence. */
const mutatedMessage = fc
  .record({
    spec: fc.constantFrom(...MESSAGES),
    // now and then another type's fields under this tag
    fieldsOf: fc.oneof(
      { weight: 5, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...MESSAGES) },
    ),
    ops: fc.array(op, { maxLength: 3 }),
    sequence: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    spaced: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...WHITESPACE) },
    ),
  })
  .map(({ spec, fieldsOf, ops, sequence, spaced }) => {
    const start = validEntries(fieldsOf ?? spec).map(([k, v]): [string, unknown] => [
      k,
      k === "type" ? spec.type : v,
    ]);
    const entries = ops.reduce(apply, start);
    if (sequence) return `[${entries.map(([, v]) => valueText(v)).join(",")}]`;
    const body = objectText(entries);
    return spaced === null
      ? body
      : `${spaced}${body.replaceAll('":', `":${spaced}`).replaceAll(',"', `,${spaced}"`)}${spaced}`;
  });

/** Text-level damage: cut short, a code point dropped, a character put in (never splitting a pair). */
const damaged = fc
  .record({
    frame: mutatedMessage,
    how: fc.constantFrom("truncate", "delete", "insert"),
    at: fc.nat(),
    char: fc.constantFrom(
      "{",
      "}",
      "[",
      "]",
      '"',
      ",",
      ":",
      "\\",
      " ",
      "\n",
      "0",
      "-",
      ".",
      "e",
      "a",
      "\ufeff",
      "é",
    ),
  })
  .map(({ frame, how, at, char }) => {
    const points = Array.from(frame);
    const i = at % (points.length + 1);
    if (how === "truncate") return points.slice(0, i).join("");
    if (how === "delete") return [...points.slice(0, i), ...points.slice(i + 1)].join("");
    return [...points.slice(0, i), char, ...points.slice(i)].join("");
  });

/** JSON-ish token soup: every syntax error serde_json can meet, at every position. */
const tokenSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom("{", "}", "[", "]", ":", ",", " ", "\n", "\t", "\r\n", '"', "\\"),
      fc.constantFrom('"type"', '"auth"', '"token"', '"dev-token-12345"', '"ping"', '"priority"', '"high"'),
      fc.constantFrom(
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "-",
        "0",
        "-0",
        "1.0",
        "1e400",
        "01",
        ".5",
        "1e",
      ),
      fc.constantFrom('"\\ud800"', '"\\u12"', '"\\x"', "\ufeff", "é", "日", "😀", "\u0001"),
    ),
    { maxLength: 14 },
  )
  .map((tokens) => tokens.join(""));

/**
 * One text frame: mostly mutations of valid messages, some with damaged text, some auth messages
 * (so both auth states are seen), some arbitrary JSON or text. `monitor` is our extension, not Rust's.
 */
export const frame: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 12, arbitrary: mutatedMessage },
    { weight: 4, arbitrary: damaged },
    { weight: 2, arbitrary: fc.constantFrom(AUTH_OK, AUTH_BAD, '["auth","dev-token-12345"]') },
    { weight: 2, arbitrary: tokenSoup },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  )
  // a WebSocket text frame is UTF-8: no lone surrogates (escaped ones are fine)
  .filter((f) => !f.includes("monitor") && !/\p{Cs}/u.test(f));
