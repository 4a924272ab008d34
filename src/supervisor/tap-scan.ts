import { MAX_FRAME_DEPTH } from "./frame-text.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** 1 for the bytes a string literal holds as they are (not a quote, a backslash or a control byte). */
const STRING_PLAIN = Uint8Array.from({ length: 256 }, (_, c) =>
  c >= 0x20 && c !== QUOTE && c !== BACKSLASH ? 1 : 0,
);
/** 1 for the bytes of a plain ASCII string (STRING_PLAIN's, below 0x80). */
const KEY_PLAIN = STRING_PLAIN.map((plain, c) => (c < 0x80 ? plain : 0));

/** Out of range reads as 0, a control character, which fits nowhere in JSON. */
const at = (b: Buffer, i: number): number => b[i] ?? 0;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** The escapes JSON allows after a backslash besides `u`: `"` `\` `/` `b` `f` `n` `r` `t`. */
const isEscape = (c: number) =>
  c === QUOTE ||
  c === BACKSLASH ||
  c === 0x2f ||
  c === 0x62 ||
  c === 0x66 ||
  c === 0x6e ||
  c === 0x72 ||
  c === 0x74;

function skipSpace(b: Buffer, i: number): number {
  while (isSpace(at(b, i))) i += 1;
  return i;
}

/**
 * Whether the quote at `q` starts the word `"auth"` in any case, as `tokenCandidates` looks for it
 * (`| 0x20` maps exactly the ASCII capitals of a, u, t and h onto them, nothing else).
 */
function authAt(b: Buffer, q: number): boolean {
  return (
    at(b, q + 5) === QUOTE &&
    (at(b, q + 1) | 0x20) === 0x61 &&
    (at(b, q + 2) | 0x20) === 0x75 &&
    (at(b, q + 3) | 0x20) === 0x74 &&
    (at(b, q + 4) | 0x20) === 0x68
  );
}

/** The index after the string literal opened at `i`, or -1 (not valid, or it holds `"auth"`). */
function stringEnd(b: Buffer, i: number): number {
  if (at(b, i) !== QUOTE || authAt(b, i)) return -1;
  const n = b.length;
  for (let j = i + 1; j < n; j++) {
    const c = b[j] as number;
    if (STRING_PLAIN[c] === 1) continue;
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) {
      j += 1;
      const e = at(b, j);
      if (e === 0x75) {
        if (!(isHex(at(b, j + 1)) && isHex(at(b, j + 2)) && isHex(at(b, j + 3)) && isHex(at(b, j + 4))))
          return -1;
        j += 4;
      } else if (!isEscape(e) || (e === QUOTE && authAt(b, j))) return -1;
    } else if (c < 0x20) return -1;
  }
  return -1;
}

function digitsEnd(b: Buffer, i: number): number {
  if (!isDigit(at(b, i))) return -1;
  while (isDigit(at(b, i))) i += 1;
  return i;
}

function numberEnd(b: Buffer, i: number): number {
  if (at(b, i) === MINUS) i += 1;
  i = at(b, i) === 0x30 ? i + 1 : digitsEnd(b, i);
  if (i >= 0 && at(b, i) === 0x2e) i = digitsEnd(b, i + 1);
  if (i < 0) return -1;
  const e = at(b, i);
  if (e === 0x65 || e === 0x45) {
    i += 1;
    const sign = at(b, i);
    if (sign === 0x2b || sign === MINUS) i += 1;
    return digitsEnd(b, i);
  }
  return i;
}

// Byte by byte: Buffer#compare's argument checks cost more than the comparison.
function literalEnd(b: Buffer, i: number, word: readonly number[]): number {
  for (let k = 1; k < word.length; k++) if (at(b, i + k) !== word[k]) return -1;
  return i + word.length;
}

/** Whether the key literal `b[start, end)` (quotes included) is `"type"`. */
const isTypeKey = (b: Buffer, start: number, end: number) =>
  end - start === 6 &&
  at(b, start + 1) === 0x74 &&
  at(b, start + 2) === 0x79 &&
  at(b, start + 3) === 0x70 &&
  at(b, start + 4) === 0x65;

function valueEnd(b: Buffer, i: number, depth: number): number {
  const c = at(b, i);
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_OBJECT) return containerEnd(b, i, depth + 1, CLOSE_OBJECT);
  if (c === OPEN_ARRAY) return containerEnd(b, i, depth + 1, CLOSE_ARRAY);
  if (c === 0x74) return literalEnd(b, i, TRUE);
  if (c === 0x66) return literalEnd(b, i, FALSE);
  if (c === 0x6e) return literalEnd(b, i, NULL);
  if (c === MINUS || isDigit(c)) return numberEnd(b, i);
  return -1;
}

/** The index after the object or array opened at `i`; -1 if invalid or nested deeper than serde allows. */
function containerEnd(b: Buffer, i: number, depth: number, close: number): number {
  if (depth > MAX_FRAME_DEPTH) return -1;
  i = skipSpace(b, i + 1);
  if (at(b, i) === close) return i + 1;
  for (;;) {
    if (close === CLOSE_OBJECT) {
      i = stringEnd(b, i);
      if (i < 0) return -1;
      i = skipSpace(b, i);
      if (at(b, i) !== COLON) return -1;
      i = skipSpace(b, i + 1);
    }
    i = valueEnd(b, i, depth);
    if (i < 0) return -1;
    i = skipSpace(b, i);
    const c = at(b, i);
    if (c === close) return i + 1;
    if (c !== COMMA) return -1;
    i = skipSpace(b, i + 1);
  }
}

/** The index after the plain ASCII string literal (no escape) opened at `i`, or -1 for any other value. */
function plainStringEnd(b: Buffer, i: number): number {
  if (at(b, i) !== QUOTE) return -1;
  const n = b.length;
  for (let j = i + 1; j < n; j++) {
    const c = b[j] as number;
    if (KEY_PLAIN[c] === 1) continue;
    return c === QUOTE ? j + 1 : -1;
  }
  return -1;
}

/** The end (its closing quote) of the type that `plainTypeStart` last found: one number, not an object per frame. */
let typeEnd = -1;

/**
 * Where the type of a text frame starts, read straight from its bytes without building any value, for
 * frames that need nothing more: a valid JSON object (as `parseFrame` accepts it) whose last top-level
 * `type` is a plain ASCII string (no escape, so its closing quote is the next one), holding no
 * `"auth"` anywhere (the word a token is learned from). -1 for anything else; `typeEnd` is where it ends.
 */
function plainTypeStart(b: Buffer): number {
  let i = skipSpace(b, 0);
  if (at(b, i) !== OPEN_OBJECT) return -1;
  let typeStart = -1;
  i = skipSpace(b, i + 1);
  if (at(b, i) !== CLOSE_OBJECT) {
    for (;;) {
      // A key spelled with escapes may be `type` too: such frames take the full parse.
      const keyEnd = plainStringEnd(b, i);
      if (keyEnd < 0 || authAt(b, i)) return -1;
      const isType = isTypeKey(b, i, keyEnd);
      i = skipSpace(b, keyEnd);
      if (at(b, i) !== COLON) return -1;
      i = skipSpace(b, i + 1);
      if (isType) {
        // A later `type` wins, as in JSON.parse.
        typeStart = i + 1;
        i = authAt(b, i) ? -1 : plainStringEnd(b, i);
        typeEnd = i - 1;
      } else i = at(b, i) === QUOTE ? stringEnd(b, i) : valueEnd(b, i, 1);
      if (i < 0) return -1;
      i = skipSpace(b, i);
      const c = at(b, i);
      if (c === CLOSE_OBJECT) break;
      if (c !== COMMA) return -1;
      i = skipSpace(b, i + 1);
    }
  }
  return skipSpace(b, i + 1) === b.length ? typeStart : -1;
}

/**
 * Reads the `type` of the text frames that need no parse (see `plainTypeStart`), matching it against
 * a few names known in advance: making a string of it would cost more than the whole scan.
 */
export class FrameTypes {
  /** The names by their length in bytes, as bytes beside the name. */
  private readonly byLength: { bytes: Buffer; name: string }[][] = [];

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const bytes = Buffer.from(name, "latin1");
      const same = this.byLength[bytes.length] ?? [];
      same.push({ bytes, name });
      this.byLength[bytes.length] = same;
    }
  }

  /**
   * The frame's type if it is one of the names, null for a plain frame of another type, undefined when
   * it cannot tell without the full parse. An answer is always the one `parseFrame` would give.
   */
  read(b: Buffer): string | null | undefined {
    const start = plainTypeStart(b);
    if (start < 0) return undefined;
    const candidates = this.byLength[typeEnd - start];
    if (candidates === undefined) return null;
    for (let c = 0; c < candidates.length; c++) {
      const { bytes, name } = candidates[c] as { bytes: Buffer; name: string };
      let k = 0;
      while (k < bytes.length && bytes[k] === b[start + k]) k += 1;
      if (k === bytes.length) return name;
    }
    return null;
  }
}
