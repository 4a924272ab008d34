type JsonObject = Record<string, unknown>;

/** serde_json's nesting limit: the Rust server refuses anything deeper, so no frame we show needs more. */
export const MAX_FRAME_DEPTH = 128;

/** Whether JSON-ish text nests arrays and objects deeper than `limit` (strings are skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Nesting deeper than `limit` takes at least 2 * limit characters.
  if (text.length <= 2 * limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * The JSON object a text frame holds, or null: not JSON, not an object, or nested deeper than serde
 * allows. Such frames are shown and recorded as their raw text, which never needs a recursion to copy.
 */
export function parseFrame(text: string): JsonObject | null {
  // Only text that could be an object is worth a JSON.parse.
  if (!text.startsWith("{") && !text.trimStart().startsWith("{")) return null;
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH)) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

const AUTH_WORD = /"auth"/i;
const NONE: readonly string[] = Object.freeze([]);
/** A JSON string literal, or one cut off by the end of the text; `key` is set when a `:` follows. */
const LITERAL = /"((?:[^"\\]|\\.)*)(?:("\s*:)|")?/g;
const KEYWORDS = new Set(["auth", "type", "token"]);
/**
 * Bounds on the work one frame can cause: an auth frame is short, and each candidate costs a scan of
 * every later frame, so a huge frame full of strings must not become thousands of them.
 */
const SCAN_CHARS = 8192;
const MAX_CANDIDATES = 8;

/**
 * The strings in an auth-like frame that may be tokens: every string value (not keys, not `auth`)
 * of a frame that holds the word `"auth"` in any case, well formed or not: cut off, with trailing
 * text, `"Auth"`, a duplicate key, `["auth", token]`, or the token inside an array. Only the first
 * 8 KiB are read, and at most 8 strings taken.
 */
export function tokenCandidates(text: string): readonly string[] {
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  // Nearly every frame: no array made for it.
  if (!AUTH_WORD.test(head)) return NONE;
  const found: string[] = [];
  for (const match of head.matchAll(LITERAL)) {
    if (found.length >= MAX_CANDIDATES) break;
    const [, body = "", key] = match;
    if (key || body === "" || KEYWORDS.has(body.toLowerCase())) continue;
    found.push(body);
    const decoded = decodeLiteral(body);
    if (decoded !== undefined && decoded !== body) found.push(decoded);
  }
  return found;
}

function decodeLiteral(body: string): string | undefined {
  try {
    const value: unknown = JSON.parse(`"${body}"`);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
