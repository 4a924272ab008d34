/** Why a text is not one JSON value, in serde_json's words, and where the first value ends if it is trailing data. */
export interface JsonSyntaxProblem {
  /** For example ``expected `,` or `}` at line 1 column 8``. */
  detail: string;
  /** Set for `trailing characters`: `text.slice(0, valueEnd)` is a complete JSON value. */
  valueEnd?: number;
}

const RECURSION_LIMIT = 128;

class SyntaxFailure {
  constructor(
    readonly what: string,
    readonly index: number,
  ) {}
}

/**
 * Finds the first syntax error of `text` as serde_json's parser (the Rust supervisor's) meets it: the same
 * checks in the same order, with its wording and its position (line, and column in bytes after the byte
 * read, or before the byte peeked). Meant for text that `JSON.parse` has already refused; a text it finds no
 * fault in gets `expected value at line 1 column 1`.
 */
export function jsonSyntaxError(text: string): JsonSyntaxProblem {
  const bytes = Buffer.from(text, "utf8");
  const scanner = new Scanner(bytes);
  try {
    scanner.value(RECURSION_LIMIT);
    const end = scanner.index;
    if (scanner.whitespace() === undefined) return { detail: "expected value at line 1 column 1" };
    const trailing = scanner.peekFailure("trailing characters");
    return { detail: describe(bytes, trailing), valueEnd: bytes.subarray(0, end).toString("utf8").length };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { detail: describe(bytes, error) };
    throw error;
  }
}

/** `<what> at line L column C`, as serde_json's `position_of_index`. */
function describe(bytes: Buffer, failure: SyntaxFailure): string {
  const lineStart = failure.index === 0 ? 0 : bytes.lastIndexOf(0x0a, failure.index - 1) + 1;
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < lineStart; i = bytes.indexOf(0x0a, i + 1)) line += 1;
  return `${failure.what} at line ${line} column ${failure.index - lineStart}`;
}

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined) =>
  b !== undefined && (isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
const SIMPLE_ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));

class Scanner {
  index = 0;

  constructor(private readonly b: Buffer) {}

  /** serde's `error`: the position after the bytes read. */
  failure(what: string): SyntaxFailure {
    return new SyntaxFailure(what, this.index);
  }

  /** serde's `peek_error`: the position just past the byte looked at. */
  peekFailure(what: string): SyntaxFailure {
    return new SyntaxFailure(what, Math.min(this.b.length, this.index + 1));
  }

  /**
   * Input that ends too soon. serde_json names what it was parsing (`a string`, `a list`, `an object`); this
   * keeps the one wording, `EOF while parsing a value`, at the end of the input, where serde puts them all.
   */
  eof(): SyntaxFailure {
    return new SyntaxFailure("EOF while parsing a value", this.b.length);
  }

  whitespace(): number | undefined {
    let c = this.b[this.index];
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = this.b[++this.index];
    return c;
  }

  value(depth: number): void {
    const c = this.whitespace();
    if (c === undefined) throw this.eof();
    if (c === 0x22) {
      this.index += 1;
      this.string();
    } else if (c === 0x6e || c === 0x74 || c === 0x66) {
      this.index += 1;
      this.ident(c === 0x6e ? "ull" : c === 0x74 ? "rue" : "alse");
    } else if (c === 0x2d || isDigit(c)) {
      if (c === 0x2d) this.index += 1;
      this.number();
    } else if (c === 0x5b || c === 0x7b) {
      if (depth <= 1) throw this.peekFailure("recursion limit exceeded");
      this.index += 1;
      if (c === 0x5b) this.list(depth - 1);
      else this.object(depth - 1);
    } else {
      throw this.peekFailure("expected value");
    }
  }

  private ident(rest: string): void {
    for (const expected of rest) {
      const c = this.b[this.index];
      if (c === undefined) throw this.eof();
      this.index += 1;
      if (c !== expected.charCodeAt(0)) throw this.failure("expected ident");
    }
  }

  private number(): void {
    const first = this.b[this.index];
    if (first === undefined) throw this.eof();
    this.index += 1;
    if (!isDigit(first)) throw this.failure("invalid number");
    if (first === 0x30) {
      if (isDigit(this.b[this.index])) throw this.peekFailure("invalid number");
    } else {
      while (isDigit(this.b[this.index])) this.index += 1;
    }
    if (this.b[this.index] === 0x2e) {
      this.index += 1;
      if (!isDigit(this.b[this.index]))
        throw this.index < this.b.length ? this.peekFailure("invalid number") : this.eof();
      while (isDigit(this.b[this.index])) this.index += 1;
    }
    if (this.b[this.index] === 0x65 || this.b[this.index] === 0x45) {
      this.index += 1;
      if (this.b[this.index] === 0x2b || this.b[this.index] === 0x2d) this.index += 1;
      const digit = this.b[this.index];
      if (digit === undefined) throw this.eof();
      this.index += 1;
      if (!isDigit(digit)) throw this.failure("invalid number");
      while (isDigit(this.b[this.index])) this.index += 1;
    }
  }

  private string(): void {
    for (;;) {
      const c = this.b[this.index];
      if (c === undefined) throw this.eof();
      this.index += 1;
      if (c === 0x22) return;
      if (c < 0x20) throw this.failure("control character (\\u0000-\\u001F) found while parsing a string");
      if (c === 0x5c) this.escape();
    }
  }

  private escape(): void {
    const c = this.b[this.index];
    if (c === undefined) throw this.eof();
    this.index += 1;
    if (SIMPLE_ESCAPES.has(c)) return;
    if (c !== 0x75) throw this.failure("invalid escape");
    if (this.index + 4 > this.b.length) throw this.eof();
    const hex = [0, 1, 2, 3].every((i) => isHex(this.b[this.index + i]));
    this.index += 4;
    if (!hex) throw this.failure("invalid escape");
  }

  private list(depth: number): void {
    let c = this.whitespace();
    if (c === undefined) throw this.eof();
    for (let first = true; c !== 0x5d; first = false) {
      if (!first) {
        if (c !== 0x2c) throw this.peekFailure("expected `,` or `]`");
        this.index += 1;
        c = this.whitespace();
        if (c === 0x5d) throw this.peekFailure("trailing comma");
        if (c === undefined) throw this.eof();
      }
      this.value(depth);
      c = this.whitespace();
      if (c === undefined) throw this.eof();
    }
    this.index += 1;
  }

  private object(depth: number): void {
    let c = this.whitespace();
    if (c === undefined) throw this.eof();
    for (let first = true; c !== 0x7d; first = false) {
      if (!first) {
        if (c !== 0x2c) throw this.peekFailure("expected `,` or `}`");
        this.index += 1;
        c = this.whitespace();
        if (c === 0x7d) throw this.peekFailure("trailing comma");
        if (c === undefined) throw this.eof();
      }
      if (c !== 0x22) throw this.peekFailure("key must be a string");
      this.index += 1;
      this.string();
      c = this.whitespace();
      if (c === undefined) throw this.eof();
      if (c !== 0x3a) throw this.peekFailure("expected `:`");
      this.index += 1;
      this.value(depth);
      c = this.whitespace();
      if (c === undefined) throw this.eof();
    }
    this.index += 1;
  }
}
