/**
 * A JSON value as serde's `Content` buffers it: duplicates and key order kept, numbers in serde_json's
 * three kinds (`u64` and `i64` exact, as bigint; `f64` otherwise).
 */
export type Content =
  | { kind: "unit" }
  | { kind: "bool"; value: boolean }
  | { kind: "u64" | "i64"; value: bigint }
  | { kind: "f64"; value: number }
  | { kind: "str"; value: string }
  | { kind: "seq"; items: Content[] }
  | { kind: "map"; entries: [string, Content][] };

/** An error as serde_json reports it: `line` 0 means no position (an error raised after the text was read). */
export class SerdeError {
  constructor(
    readonly message: string,
    readonly line = 0,
    readonly column = 0,
  ) {}

  /** serde_json's Display: `<message> at line L column C`, or the message alone. */
  toString(): string {
    return this.line === 0 ? this.message : `${this.message} at line ${this.line} column ${this.column}`;
  }
}

const U64_MAX = 2n ** 64n - 1n;
const I32_MAX = 2 ** 31 - 1;
const POW10 = Array.from({ length: 309 }, (_, i) => Number(`1e${i}`));
const HEX = /^[0-9a-fA-F]$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
const isDigit = (c: number | undefined): c is number => c !== undefined && c >= 0x30 && c <= 0x39;
const overflows = (value: bigint, digit: bigint) =>
  value >= U64_MAX / 10n && (value > U64_MAX / 10n || digit > U64_MAX % 10n);

/**
 * serde_json's `Deserializer` over a `&str`, byte for byte: the same checks in the same order, the same
 * wording, and its positions (line, and column counted in bytes: `error` at the last byte read,
 * `peekError` one past it). The parts the tagged-enum rules drive (sequence and map access, the colon,
 * the ends) are public; `value` reads a whole value into Content.
 */
export class JsonReader {
  readonly b: Buffer;
  i = 0;
  private depth = 128;
  /**
   * Bytes of `b` minus UTF-16 units of `text` before the cursor's string: a run of ASCII bytes in a
   * string is then sliced from `text` at `i - delta` instead of decoded again (a profile of the SMS
   * message put 18% of the parse in Buffer#toString). Only strings hold non-ASCII bytes in a text
   * that parses, so only they move it.
   */
  private delta = 0;

  constructor(private readonly text: string) {
    this.b = Buffer.from(text, "utf8");
  }

  /** Error caused by a byte already read. */
  error(message: string): SerdeError {
    return this.at(this.i, message);
  }

  /** Error caused by a byte peeked at. */
  peekError(message: string): SerdeError {
    return this.at(Math.min(this.b.length, this.i + 1), message);
  }

  /** An error without a position gets the current one (serde_json's `fix_position`). */
  fix(error: SerdeError): SerdeError {
    return error.line === 0 ? this.error(error.message) : error;
  }

  private at(index: number, message: string): SerdeError {
    let line = 1;
    let start = 0;
    for (let k = this.b.indexOf(0x0a); k !== -1 && k < index; k = this.b.indexOf(0x0a, k + 1)) {
      line += 1;
      start = k + 1;
    }
    return new SerdeError(message, line, index - start);
  }

  whitespace(): number | undefined {
    let c = this.b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = this.b[++this.i];
    return c;
  }

  /** `[` or `{` at the cursor: counts a level of nesting (at most 127) and steps in. */
  enter(): void {
    this.depth -= 1;
    if (this.depth === 0) throw this.peekError("recursion limit exceeded");
    this.i += 1;
  }

  leave(): void {
    this.depth += 1;
  }

  /** SeqAccess: true when an element follows (the cursor at its first byte), false at `]`. */
  nextElement(state: { first: boolean }): boolean {
    return this.more(state, 0x5d);
  }

  /** MapAccess: the next key, or undefined at `}`. */
  nextKey(state: { first: boolean }): string | undefined {
    if (!this.more(state, 0x7d)) return undefined;
    if (this.b[this.i] !== 0x22) throw this.peekError("key must be a string");
    this.i += 1;
    return this.string();
  }

  /** What serde_json's SeqAccess and MapAccess check before an element or key. */
  private more(state: { first: boolean }, close: number): boolean {
    const list = close === 0x5d;
    let c = this.whitespace();
    if (c === close) return false;
    if (c === undefined)
      throw this.peekError(list ? "EOF while parsing a list" : "EOF while parsing an object");
    if (state.first) state.first = false;
    else if (c === 0x2c) {
      this.i += 1;
      c = this.whitespace();
    } else throw this.peekError(list ? "expected `,` or `]`" : "expected `,` or `}`");
    if (c === close) throw this.peekError("trailing comma");
    if (c === undefined) throw this.peekError("EOF while parsing a value");
    return true;
  }

  colon(): void {
    const c = this.whitespace();
    if (c === 0x3a) this.i += 1;
    else if (c === undefined) throw this.peekError("EOF while parsing an object");
    else throw this.peekError("expected `:`");
  }

  /** What `end_seq` / `end_map` consume after a visitor failed (the failure stands; only the position moves). */
  skipEnd(close: number): void {
    const c = this.whitespace();
    if (c === close) this.i += 1;
    else if (c === 0x2c && close === 0x5d) {
      this.i += 1;
      this.whitespace();
    }
  }

  /** deserialize_any into Content. */
  value(): Content {
    const c = this.whitespace();
    if (c === 0x5b || c === 0x7b) {
      this.enter();
      const state = { first: true };
      let content: Content;
      if (c === 0x5b) {
        const items: Content[] = [];
        while (this.nextElement(state)) items.push(this.value());
        content = { kind: "seq", items };
      } else {
        const entries: [string, Content][] = [];
        for (let key = this.nextKey(state); key !== undefined; key = this.nextKey(state)) {
          this.colon();
          entries.push([key, this.value()]);
        }
        content = { kind: "map", entries };
      }
      this.leave();
      this.i += 1;
      return content;
    }
    return this.scalar();
  }

  /** A value that is not a list or an object; `expected value` for anything else. */
  scalar(): Content {
    const c = this.whitespace();
    if (c === undefined) throw this.peekError("EOF while parsing a value");
    if (c === 0x6e || c === 0x74 || c === 0x66) {
      this.i += 1;
      this.ident(c === 0x6e ? "ull" : c === 0x74 ? "rue" : "alse");
      return c === 0x6e ? { kind: "unit" } : { kind: "bool", value: c === 0x74 };
    }
    if (c === 0x2d) {
      this.i += 1;
      return this.integer(false);
    }
    if (isDigit(c)) return this.integer(true);
    if (c === 0x22) {
      this.i += 1;
      return { kind: "str", value: this.string() };
    }
    throw this.peekError("expected value");
  }

  private ident(rest: string): void {
    for (let k = 0; k < rest.length; k++) {
      const c = this.b[this.i];
      if (c === undefined) throw this.error("EOF while parsing a value");
      this.i += 1;
      if (c !== rest.charCodeAt(k)) throw this.error("expected ident");
    }
  }

  private integer(positive: boolean): Content {
    const first = this.b[this.i];
    if (first === undefined) throw this.error("EOF while parsing a value");
    this.i += 1;
    if (first === 0x30) {
      if (isDigit(this.b[this.i])) throw this.peekError("invalid number");
      return this.number(positive, 0n);
    }
    if (!isDigit(first)) throw this.error("invalid number");
    let significand = BigInt(first - 0x30);
    for (let c = this.b[this.i]; isDigit(c); c = this.b[this.i]) {
      const digit = BigInt(c - 0x30);
      if (overflows(significand, digit))
        return { kind: "f64", value: this.longInteger(positive, significand) };
      this.i += 1;
      significand = significand * 10n + digit;
    }
    return this.number(positive, significand);
  }

  private number(positive: boolean, significand: bigint): Content {
    const c = this.b[this.i];
    if (c === 0x2e) return { kind: "f64", value: this.decimal(positive, significand, 0) };
    if (c === 0x65 || c === 0x45) return { kind: "f64", value: this.exponent(positive, significand, 0) };
    if (positive) return { kind: "u64", value: significand };
    const negated = BigInt.asIntN(64, -BigInt.asIntN(64, significand));
    // Below i64::MIN, and `-0`, are floating point in serde_json.
    return negated >= 0n ? { kind: "f64", value: -Number(significand) } : { kind: "i64", value: negated };
  }

  /** Digits past u64::MAX only scale the exponent (serde_json without `float_roundtrip`). */
  private longInteger(positive: boolean, significand: bigint): number {
    let exponent = 0;
    for (;;) {
      const c = this.b[this.i];
      if (isDigit(c)) {
        this.i += 1;
        exponent += 1;
      } else if (c === 0x2e) return this.decimal(positive, significand, exponent);
      else if (c === 0x65 || c === 0x45) return this.exponent(positive, significand, exponent);
      else return this.fromParts(positive, significand, exponent);
    }
  }

  private decimal(positive: boolean, significand: bigint, exponent: number): number {
    this.i += 1;
    let s = significand;
    let e = exponent;
    for (let c = this.b[this.i]; isDigit(c); c = this.b[this.i]) {
      const digit = BigInt(c - 0x30);
      if (overflows(s, digit)) {
        // Further digits are dropped, and the `exponent == 0` check below is skipped.
        while (isDigit(this.b[this.i])) this.i += 1;
        return this.exponentOrParts(positive, s, e);
      }
      this.i += 1;
      s = s * 10n + digit;
      e -= 1;
    }
    // serde_json's check for "a digit after the point" is `exponent == 0`, so it also fires when a long
    // integer's exponent is cancelled by its decimals (`18446744073709551616.5`).
    if (e === 0) {
      throw this.i < this.b.length
        ? this.peekError("invalid number")
        : this.peekError("EOF while parsing a value");
    }
    return this.exponentOrParts(positive, s, e);
  }

  private exponentOrParts(positive: boolean, significand: bigint, exponent: number): number {
    const c = this.b[this.i];
    return c === 0x65 || c === 0x45
      ? this.exponent(positive, significand, exponent)
      : this.fromParts(positive, significand, exponent);
  }

  private exponent(positive: boolean, significand: bigint, start: number): number {
    this.i += 1;
    const sign = this.b[this.i];
    const positiveExp = sign !== 0x2d;
    if (sign === 0x2b || sign === 0x2d) this.i += 1;
    const first = this.b[this.i];
    if (first === undefined) throw this.error("EOF while parsing a value");
    this.i += 1;
    if (!isDigit(first)) throw this.error("invalid number");
    let exp = first - 0x30;
    for (let c = this.b[this.i]; isDigit(c); c = this.b[this.i]) {
      this.i += 1;
      const digit = c - 0x30;
      if (exp >= Math.floor(I32_MAX / 10) && (exp > Math.floor(I32_MAX / 10) || digit > I32_MAX % 10)) {
        if (significand !== 0n && positiveExp) throw this.error("number out of range");
        while (isDigit(this.b[this.i])) this.i += 1;
        return positive ? 0 : -0;
      }
      exp = exp * 10 + digit;
    }
    const final = Math.max(-(2 ** 31), Math.min(I32_MAX, positiveExp ? start + exp : start - exp));
    return this.fromParts(positive, significand, final);
  }

  /** serde_json's fast, not always correctly rounded, `significand * 10^exponent`. */
  private fromParts(positive: boolean, significand: bigint, exponent: number): number {
    let f = Number(significand);
    let e = exponent;
    for (;;) {
      const pow = POW10[Math.abs(e)];
      if (pow !== undefined) {
        if (e >= 0) {
          f *= pow;
          if (!Number.isFinite(f)) throw this.error("number out of range");
        } else f /= pow;
        break;
      }
      if (f === 0) break;
      if (e >= 0) throw this.error("number out of range");
      f /= 1e308;
      e += 308;
    }
    return positive ? f : -f;
  }

  /** The rest of a string whose opening quote was read. */
  string(): string {
    let out = "";
    let start = this.i;
    for (;;) {
      let c = this.b[this.i];
      let high = false;
      while (c !== undefined && c !== 0x22 && c !== 0x5c && c >= 0x20) {
        if (c >= 0x80) high = true;
        c = this.b[++this.i];
      }
      if (c === undefined) throw this.error("EOF while parsing a string");
      if (!high) out += this.text.slice(start - this.delta, this.i - this.delta);
      else {
        const decoded = this.b.toString("utf8", start, this.i);
        this.delta += this.i - start - decoded.length;
        out += decoded;
      }
      this.i += 1;
      if (c === 0x22) return out;
      if (c !== 0x5c) throw this.error("control character (\\u0000-\\u001F) found while parsing a string");
      out += this.escape();
      start = this.i;
    }
  }

  private escape(): string {
    const c = this.b[this.i];
    if (c === undefined) throw this.error("EOF while parsing a string");
    this.i += 1;
    const simple = SIMPLE_ESCAPES[String.fromCharCode(c)];
    if (simple !== undefined) return simple;
    if (c !== 0x75) throw this.error("invalid escape");
    const n1 = this.hex4();
    if (n1 >= 0xdc00 && n1 <= 0xdfff) throw this.error("lone leading surrogate in hex escape");
    if (n1 < 0xd800 || n1 > 0xdbff) return String.fromCharCode(n1);
    for (const expected of [0x5c, 0x75]) {
      const next = this.b[this.i];
      if (next === undefined) throw this.error("EOF while parsing a string");
      this.i += 1;
      if (next !== expected) throw this.error("unexpected end of hex escape");
    }
    const n2 = this.hex4();
    if (n2 < 0xdc00 || n2 > 0xdfff) throw this.error("lone leading surrogate in hex escape");
    return String.fromCharCode(n1, n2);
  }

  private hex4(): number {
    if (this.i + 4 > this.b.length) {
      this.i = this.b.length;
      throw this.error("EOF while parsing a string");
    }
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = String.fromCharCode(this.b[this.i] as number);
      this.i += 1;
      if (!HEX.test(ch)) throw this.error("invalid escape");
      n = n * 16 + Number.parseInt(ch, 16);
    }
    return n;
  }
}
