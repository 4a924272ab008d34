import { authStates, type Case } from "./case.js";
import { type FieldSpec, MESSAGES, type MessageSpec, objectText, raw, validEntries } from "./spec.js";

type Entries = [string, unknown][];

/** A value of each JSON kind, in the forms serde tells apart (integer, negative, float). */
const KINDS: [string, unknown][] = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["zero", 0],
  ["int", 7],
  ["negative", -7],
  ["float", 1.5],
  ["float-1.0", raw("1.0")],
  ["exp-1e2", raw("1e2")],
  ["minus-zero", raw("-0")],
  ["empty-string", ""],
  ["string", "some text"],
  ["numeric-string", "1"],
  ["empty-array", []],
  ["array", ["x", 1]],
  ["empty-object", {}],
  ["object", { k: "v" }],
];

const STRINGS: [string, unknown][] = [
  ["non-ascii", "héllo wörld 日本語 😀"],
  ["escaped-text", raw('"caf\\u00e9 \\ud83d\\ude00 \\/ \\b\\f\\n\\r\\t"')],
  ["escaped-pair-upper", raw('"\\uD83D\\uDE00"')],
  ["line-separator", "a\u2028b\u2029c"],
  ["newline", "line one\nline two"],
  ["nul", "\u0000"],
  ["quote-backslash", 'say "hi" \\ bye'],
  ["long", "x".repeat(300)],
  ["whitespace", " \t "],
];

const PRIORITY: [string, unknown][] = [
  ["high", "high"],
  ["normal", "normal"],
  ["low", "low"],
  ["capitalised", "High"],
  ["upper", "LOW"],
  ["unknown", "urgent"],
  ["map-form", { high: null }],
  ["map-form-value", { low: 1 }],
  ["map-two-keys", { high: null, low: null }],
  ["seq-form", ["high"]],
  ["escaped", raw('"h\\u0069gh"')],
];

const I32: [string, unknown][] = [
  ["max", raw("2147483647")],
  ["max+1", raw("2147483648")],
  ["min", raw("-2147483648")],
  ["min-1", raw("-2147483649")],
  ["u32-max+1", raw("4294967296")],
  ["i64-max", raw("9223372036854775807")],
  ["i64-max+1", raw("9223372036854775808")],
  ["i64-min-1", raw("-9223372036854775809")],
  ["u64-max", raw("18446744073709551615")],
  ["u64-max+1", raw("18446744073709551616")],
  ["huge", raw("123456789012345678901234567890")],
  ["1e400", raw("1e400")],
  ["-1e400", raw("-1e400")],
  ["1E2", raw("1E2")],
  ["1e-2", raw("1e-2")],
  ["2147483647.0", raw("2147483647.0")],
  ["0.0", raw("0.0")],
  ["-0.0", raw("-0.0")],
];

function nested(depth: number, open: string, close: string, inner = "1"): ReturnType<typeof raw> {
  return raw(open.repeat(depth) + inner + close.repeat(depth));
}

const VALUE: [string, unknown][] = [
  ["deep-array-126", nested(126, "[", "]")],
  ["deep-array-127", nested(127, "[", "]")],
  ["deep-array-128", nested(128, "[", "]")],
  ["deep-object-127", nested(127, '{"a":', "}")],
  ["deep-object-128", nested(128, '{"a":', "}")],
  ["mixed-nesting", raw('{"a":[{"b":[{"c":[null,true,1.5e3,"\\u00e9"]}]}]}')],
  ["big-int-in-value", raw("[18446744073709551616, -9223372036854775809]")],
  ["1e400-in-value", raw("[1e400]")],
  ["dup-key-in-value", raw('{"a":1,"a":2}')],
  ["lone-surrogate-in-value", raw('{"a":"\\udc00"}')],
];

const SPECIFIC: Record<FieldSpec["rust"], [string, unknown][]> = {
  String: [],
  Priority: PRIORITY,
  "Option<String>": [],
  "Option<Value>": VALUE,
  "Option<i32>": I32,
};

function set(entries: Entries, name: string, value: unknown): Entries {
  return entries.map(([k, v]): [string, unknown] => [k, k === name ? value : v]);
}

/** Each field of each message missing, null, of each JSON kind, duplicated, of odd strings. */
function fieldCases(spec: MessageSpec, field: FieldSpec): Case[] {
  const base = validEntries(spec);
  const id = `field/${spec.type}/${field.name}`;
  const variants: [string, Entries][] = [["missing", base.filter(([k]) => k !== field.name)]];
  for (const [kind, value] of [...KINDS, ...STRINGS, ...SPECIFIC[field.rust]]) {
    variants.push([kind, set(base, field.name, value)]);
  }
  variants.push(["duplicate-same", [...base, [field.name, field.valid]]]);
  variants.push(["duplicate-other", [...base, [field.name, "other"]]]);
  variants.push(["duplicate-null-first", [[field.name, null], ...base]]);
  variants.push(["duplicate-wrong-type-later", [...base, [field.name, 3]]]);
  return variants.flatMap(([kind, entries]) => authStates(`${id}/${kind}`, [objectText(entries)]));
}

/** Per message: the valid form, reordered, extras, the tag's troubles. */
function messageCases(spec: MessageSpec): Case[] {
  const base = validEntries(spec);
  const [tag, ...fields] = base;
  const id = `message/${spec.type}`;
  const variants: [string, string][] = [
    ["valid", objectText(base)],
    ["type-last", objectText([...fields, ...(tag ? [tag] : [])])],
    ["reversed", objectText([...base].reverse())],
    ["extra-field", objectText([...base, ["request_id", 42]])],
    ["extra-nested", objectText([...base, ["meta", { a: [1, { b: null }], c: "d" }]])],
    ["extra-field-first", objectText([["zzz", true], ...base])],
    ["extra-deep", objectText([...base, ["deep", raw(`${"[".repeat(140)}${"]".repeat(140)}`)]])],
    ["type-duplicate-same", objectText([...base, ["type", spec.type]])],
    ["type-duplicate-other", objectText([...base, ["type", "ping"]])],
    ["type-null", objectText(set(base, "type", null))],
    ["type-number", objectText(set(base, "type", 12))],
    ["type-array", objectText(set(base, "type", [spec.type]))],
    ["type-object", objectText(set(base, "type", { [spec.type]: null }))],
    ["type-upper", objectText(set(base, "type", spec.type.toUpperCase()))],
    ["type-kebab", objectText(set(base, "type", spec.type.replaceAll("_", "-")))],
    [
      "type-escaped",
      objectText(
        set(base, "type", raw(`"\\u00${spec.type.charCodeAt(0).toString(16)}${spec.type.slice(1)}"`)),
      ),
    ],
    ["all-null", objectText(base.map(([k, v]): [string, unknown] => [k, k === "type" ? v : null]))],
    ["all-empty", objectText(base.map(([k, v]): [string, unknown] => [k, k === "type" ? v : ""]))],
    ["pretty", JSON.stringify(Object.fromEntries(base), null, 2)],
    ["tabs-crlf", JSON.stringify(Object.fromEntries(base), null, "\t").replaceAll("\n", "\r\n")],
  ];
  const valid = authStates(`${id}/valid`, [objectText(base)], true);
  return [...valid, ...variants.slice(1).flatMap(([kind, text]) => authStates(`${id}/${kind}`, [text]))];
}

/** serde's sequence form: the tag first, then the fields in declaration order. */
function sequenceCases(spec: MessageSpec): Case[] {
  const values = spec.fields.map((f) => f.valid);
  const id = `sequence/${spec.type}`;
  const seq = (items: unknown[]) => JSON.stringify(items);
  const variants: [string, string][] = [
    ["exact", seq([spec.type, ...values])],
    ["tag-only", seq([spec.type])],
    ["one-short", seq([spec.type, ...values.slice(0, -1)])],
    ["one-long", seq([spec.type, ...values, "extra"])],
    ["two-long", seq([spec.type, ...values, 1, null])],
    ["first-null", seq([spec.type, null, ...values.slice(1)])],
    ["first-number", seq([spec.type, 5, ...values.slice(1)])],
    ["last-null", seq([spec.type, ...values.slice(0, -1), null])],
    ["spaced", ` [ ${[spec.type, ...values].map((v) => JSON.stringify(v)).join(" , ")} ] `],
  ];
  return variants.flatMap(([kind, text]) => authStates(`${id}/${kind}`, [text]));
}

/** The systematic part of the corpus, grouped by file name. */
export function generatedCases(): Record<string, Case[]> {
  return {
    fields: MESSAGES.flatMap((spec) => spec.fields.flatMap((field) => fieldCases(spec, field))),
    messages: MESSAGES.flatMap(messageCases),
    sequence: MESSAGES.flatMap(sequenceCases),
  };
}
