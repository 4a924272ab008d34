import type { ClientMessage } from "./messages.js";
import { NO_FIELDS, type VariantShape, variantShapes } from "./shapes.js";
import { PRIORITIES } from "./variants.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
// ES2024; Node 20 has it, the project's lib (ES2023) does not declare it.
const isWellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * The message of a frame when reading it with JSON.parse provably gives serde_json's answer, else
 * undefined (the caller then reads it with the serde-faithful JsonReader). Only taken when:
 * - JSON.parse accepts the text: it then refuses nothing serde accepts in the texts below, and
 *   accepts nothing serde refuses but what the checks below rule out (its whitespace, escapes,
 *   control characters and trailing characters are serde's);
 * - it is an object whose every value is a string or null: no numbers (serde reads `1.0` as a float
 *   and refuses `1e400`), no nesting (the depth limit, a `priority` map with a repeated key);
 * - serde accepts it: a known tag, every required field a string, a known priority;
 * - no surrogate in a value is lone, raw or escaped: serde refuses `"\ud800"` where JSON.parse keeps
 *   it, and the reader's UTF-8 encoding would replace a raw one;
 * - no key is repeated: JSON.parse keeps the last member, serde refuses a duplicate field (see `exact`).
 */
export function parseFast(text: string, extensions: readonly string[]): ClientMessage | undefined {
  // Not an object (the sequence form, a scalar, a frame cut short): spare it a JSON.parse and its
  // exception, which made a cut frame 2.8x slower to refuse than with the reader alone.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if ((first !== 0x7b && !isSpace(first)) || (last !== 0x7d && !isSpace(last))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  const tag = object.type;
  if (typeof tag !== "string") return undefined;
  // The Map alone, not Object.hasOwn(RUST_VARIANTS, tag) too: a profile of the email frame put 9% of
  // the fast path in that look-up (the tag, a value JSON.parse does not internalize, is hashed anew).
  const shape = variantShapes().get(tag) ?? (extensions.includes(tag) ? NO_FIELDS : undefined);
  if (shape === undefined) return undefined;
  const built =
    (shape.strings && inOrder(tag, shape.strings, object)) ?? build(tag, shape, object, Object.keys(object));
  return built !== undefined && exact(text, built.length, built.quoted) ? built.message : undefined;
}

interface Built {
  message: ClientMessage;
  /** The object's length as JSON without whitespace or escapes: `{"k":"v","n":null}`. */
  length: number;
  /** How many of its keys and values are strings (each holds two unescaped `"` in the text). */
  quoted: number;
}

/**
 * `build` for the usual frame of a variant whose fields are all required strings: the tag, then
 * each field in declaration order, every value a string. JSON.parse's object is then the message
 * itself. Read with for-in (no array of keys, no look-up of each key's kind); undefined otherwise.
 */
function inOrder(tag: string, names: readonly string[], object: Record<string, unknown>): Built | undefined {
  // `{"type":"…"` (10 and the tag), `}`, and a comma before each field.
  let length = tag.length + 11 + names.length;
  let i = -1;
  for (const key in object) {
    if (i === -1) {
      if (key !== "type") return undefined;
    } else {
      const v = object[key];
      if (key !== names[i] || typeof v !== "string" || !isWellFormed(v)) return undefined;
      length += key.length + v.length + 5;
    }
    i++;
  }
  return i === names.length
    ? { message: object as ClientMessage, length, quoted: 2 * (names.length + 1) }
    : undefined;
}

/**
 * What tagged.ts builds: the tag, the fields present in text order (a null Option left out), then
 * the defaults of absent `#[serde(default)]` fields in declaration order; undefined if serde would
 * refuse it, or if a value is not a string or null.
 */
function build(
  tag: string,
  shape: VariantShape,
  object: Record<string, unknown>,
  keys: readonly string[],
): Built | undefined {
  // JSON.parse's object is that message itself when it holds the tag first, then the fields alone.
  let same = keys[0] === "type";
  let strings = 0;
  let present = 0;
  let length = 1 + keys.length;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const v = object[key];
    if (typeof v === "string") {
      // A raw lone surrogate only matters in a value: in a key, both readers ignore the key (the
      // reader's UTF-8 encoding makes it U+FFFD, still no field name). Checking the values and not
      // the text halves the check's cost on the email frame (10.6% of the fast path -> 6.5%).
      if (!isWellFormed(v)) return undefined;
      strings += 1;
      length += key.length + v.length + 5;
    } else if (v === null) length += key.length + 7;
    else return undefined;
    const kind = shape.kinds.get(key);
    if (kind === undefined) {
      if (k > 0) same = false;
    } else if (v === null) {
      if (kind === "string" || kind === "priority") return undefined;
      present += 1;
      same = false;
    } else {
      if (kind === "optionalI32") return undefined;
      if (kind === "priority" && !(PRIORITIES as readonly string[]).includes(v as string)) return undefined;
      present += 1;
    }
  }
  for (let f = 0; present < shape.fields.length && f < shape.fields.length; f++) {
    const [name, kind] = shape.fields[f] as (typeof shape.fields)[number];
    if (kind === "string" && !Object.hasOwn(object, name)) return undefined;
  }
  const quoted = keys.length + strings;
  if (same && present === shape.fields.length) return { message: object as ClientMessage, length, quoted };
  const result: Record<string, unknown> = { type: tag };
  for (const key of keys) {
    const v = object[key];
    if (v !== null && shape.kinds.has(key)) result[key] = v;
  }
  for (const [name, kind] of shape.fields)
    if (kind === "priority" && !Object.hasOwn(object, name)) result[name] = "normal";
  return { message: result as ClientMessage, length, quoted };
}

/**
 * Whether JSON.parse dropped no repeated member and no escape is a lone surrogate. The text is
 * the object's `length` written compactly, plus what its escapes add, plus whitespace, plus each
 * dropped member; so if it is exactly `length` plus the escapes, nothing was dropped. Otherwise
 * (whitespace) every key and every string value holds two unescaped `"`, and the text has
 * 2 × (keys + string values) of them exactly when nothing was dropped.
 */
function exact(text: string, length: number, quoted: number): boolean {
  const escapes = escapesLength(text);
  if (escapes < 0) return false;
  return text.length === length + escapes || countQuotes(text) === 2 * quoted;
}

/**
 * How much longer the escapes make the text than the string JSON.parse reads from it (`\n` +1,
 * `\u00e9` +5, a surrogate pair +10), or -1 if one is a lone surrogate (serde wants a high one, then
 * at once `\u` and a low one; JSON.parse takes any). Only for a text JSON.parse accepts: there every
 * backslash begins an escape.
 */
function escapesLength(text: string): number {
  let extra = 0;
  for (let k = text.indexOf("\\"); k !== -1; k = text.indexOf("\\", k)) {
    if (text.charCodeAt(k + 1) !== U) {
      extra += 1;
      k += 2;
      continue;
    }
    const unit = hex4(text, k + 2);
    if (unit < 0xd800 || unit > 0xdfff) {
      extra += 5;
      k += 6;
      continue;
    }
    const pair = text.charCodeAt(k + 6) === BACKSLASH && text.charCodeAt(k + 7) === U;
    if (!isHigh(unit) || !pair || !isLow(hex4(text, k + 8))) return -1;
    extra += 10;
    k += 12;
  }
  return extra;
}

/** The unescaped `"` in a text JSON.parse accepts. */
function countQuotes(text: string): number {
  let quotes = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) quotes += 1;
    else if (c === BACKSLASH) k += 1;
  }
  return quotes;
}

/** The four hex digits at `at` as a number (a text JSON.parse accepts has four there). */
function hex4(text: string, at: number): number {
  let n = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k) | 0x20; // lower case
    n = n * 16 + (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return n;
}
