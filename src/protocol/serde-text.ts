import type { Content } from "./json-reader.js";

/** How serde names a value it did not expect (`Unexpected`), with serde_json's `null` for the unit value. */
export function unexpected(content: Content): string {
  switch (content.kind) {
    case "unit":
      return "null";
    case "bool":
      return `boolean \`${content.value}\``;
    case "u64":
    case "i64":
      return `integer \`${content.value}\``;
    case "f64":
      return `floating point \`${rustFloat(content.value)}\``;
    case "str":
      return `string ${rustDebug(content.value)}`;
    case "seq":
      return "sequence";
    case "map":
      return "map";
  }
}

export const invalidType = (content: Content, expected: string) =>
  `invalid type: ${unexpected(content)}, expected ${expected}`;

/** serde's `OneOf`: the names in backticks, in declaration order. */
export function oneOf(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  if (quoted.length === 0) return "there are no variants";
  if (quoted.length <= 2) return quoted.join(" or ");
  return `one of ${quoted.join(", ")}`;
}

/** Rust's `Display` of an f64: the shortest digits that round-trip, never in exponent form (`1e21` is 22 digits). */
export function rustFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa = "", exp = "0"] = Math.abs(x).toExponential().split("e");
  let digits = mantissa.replace(".", "");
  let point = Number(exp) + 1;
  // Both pick the shortest digits, but when two candidates are equally near, JS takes the even one and
  // Rust rounds up (`24271921595827.8125` is `…827.812` in JS and `…827.813` in Rust).
  const up = (BigInt(digits) + 1n).toString();
  const scale = point - digits.length;
  if (Number(`${up}e${scale}`) === Math.abs(x) && isMidpoint(Math.abs(x), BigInt(digits) * 2n + 1n, scale)) {
    point = up.length + scale;
    digits = up.replace(/0+$/, "");
  }
  let text: string;
  if (point <= 0) text = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + "0".repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return x < 0 ? `-${text}` : text;
}

/** Whether `x` (finite, positive) is exactly `twice * 10^scale / 2`. */
function isMidpoint(x: number, twice: bigint, scale: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & (2n ** 52n - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (2n ** 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  // 2x = twice * 10^scale, both sides made integers.
  const left = 2n * mantissa * 2n ** BigInt(Math.max(exp2, 0)) * 10n ** BigInt(Math.max(-scale, 0));
  const right = twice * 10n ** BigInt(Math.max(scale, 0)) * 2n ** BigInt(Math.max(-exp2, 0));
  return left === right;
}

// Rust's `char::escape_debug` escapes what its `is_printable` refuses (these general categories, but the
// space) and grapheme extenders. Node's Unicode tables may be a version behind rustc's.
const NOT_PRINTABLE = /[\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zs}\p{Grapheme_Extend}]/u;
const SHORT_ESCAPES: Record<string, string> = {
  "\0": "\\0",
  "\t": "\\t",
  "\r": "\\r",
  "\n": "\\n",
  "\\": "\\\\",
  '"': '\\"',
};

/** Rust's `Debug` of a `str`: in double quotes, with its escapes (`\n`, `\u{ad}`). */
export function rustDebug(text: string): string {
  let out = '"';
  for (const ch of text) {
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (ch !== " " && NOT_PRINTABLE.test(ch))
      out += `\\u{${(ch.codePointAt(0) as number).toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}
