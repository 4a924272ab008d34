import { ConfigError, located } from "./errors.js";

/** One assignment from a .env file, with the line it came from (1-based). */
export interface DotenvEntry {
  value: string;
  line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HINT = "Each line must be KEY=VALUE (optionally `export KEY=VALUE`), a # comment, or blank.";

/**
 * Parses .env text: `KEY=VALUE`, an optional `export ` prefix, `#` comments, blank lines, single
 * quotes (literal), double quotes (`\n`, `\r`, `\t`, `\"`, `\\` escapes). Values are single-line.
 * A later assignment of the same key wins. Throws ConfigError naming `file` and the line; the
 * offending text is never echoed, since it may hold a token.
 */
export function parseDotenv(text: string, file: string): Map<string, DotenvEntry> {
  const entries = new Map<string, DotenvEntry>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fail = (detail: string, hint = HINT): never => {
      throw new ConfigError(located(file, line, detail), hint, { file, line });
    };
    let rest = raw.trim();
    if (rest === "" || rest.startsWith("#")) return;
    if (/^export\s/.test(rest)) rest = rest.slice("export".length).trimStart();
    const eq = rest.indexOf("=");
    if (eq === -1) fail("expected KEY=VALUE, found no `=`");
    const key = rest.slice(0, eq).trim();
    if (!KEY.test(key))
      fail(
        key === "" ? "missing variable name before `=`" : "invalid variable name (use letters, digits and _)",
      );
    const value = parseValue(rest.slice(eq + 1).trimStart(), (detail) =>
      fail(
        `${key}: ${detail}`,
        "Close the quote on the same line; write a newline as \\n inside double quotes.",
      ),
    );
    entries.set(key, { value, line });
  });
  return entries;
}

function parseValue(text: string, fail: (detail: string) => never): string {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") {
    // An unquoted value ends at a comment that follows whitespace: `A=b # note`.
    const comment = text.search(/\s#/);
    return (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  }
  let value = "";
  let i = 1;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === quote) break;
    if (quote === '"' && ch === "\\" && i + 1 < text.length) {
      i++;
      value += escaped(text[i] as string);
    } else value += ch;
  }
  if (i >= text.length) fail(quote === '"' ? "unterminated double quote" : "unterminated single quote");
  const after = text.slice(i + 1).trim();
  if (after !== "" && !after.startsWith("#")) fail("unexpected text after the closing quote");
  return value;
}

function escaped(ch: string): string {
  if (ch === "n") return "\n";
  if (ch === "r") return "\r";
  if (ch === "t") return "\t";
  return ch === '"' || ch === "\\" ? ch : `\\${ch}`;
}
