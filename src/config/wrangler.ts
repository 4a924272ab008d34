import { join } from "node:path";
import type * as SmolToml from "smol-toml";
import { ConfigError } from "./errors.js";
import { readOptionalFile } from "./files.js";

export const WRANGLER_FILE = "wrangler.toml";

/** The TOML parser, given by the caller: smol-toml (15.6 KB) loads only where a wrangler.toml is. */
export type Toml = Pick<typeof SmolToml, "parse" | "TomlError">;

/**
 * The `[vars]` table of `wrangler.toml` in `cwd`, as strings (numbers and booleans are turned into
 * text); `undefined` when there is no such file. Per-environment tables (`[env.x.vars]`) are not read.
 * Only `names` are returned; one of them holding a table or an array is a ConfigError.
 */
export function readWranglerVars(
  cwd: string,
  names: ReadonlySet<string>,
  toml: Toml | undefined,
): Map<string, string> | undefined {
  const text = readOptionalFile(join(cwd, WRANGLER_FILE), WRANGLER_FILE);
  if (text === undefined) return undefined;
  if (toml === undefined)
    throw new Error(`${WRANGLER_FILE} found but no TOML parser given (use loadConfigAsync)`);
  const { parse, TomlError } = toml;
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // The library's message embeds a code excerpt, which may show a token: keep only its first line.
    const detail = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    throw new ConfigError(
      `${WRANGLER_FILE}:${error.line}:${error.column}: ${detail}`,
      "Fix the TOML syntax at that line (see https://toml.io).",
      { file: WRANGLER_FILE, line: error.line },
    );
  }
  const vars = doc.vars;
  if (vars === undefined) return new Map();
  if (typeof vars !== "object" || vars === null || Array.isArray(vars))
    throw new ConfigError(
      `${WRANGLER_FILE}: \`vars\` must be a table ([vars])`,
      'Write the variables under a [vars] header, e.g. SUPERVISOR_URL = "ws://127.0.0.1:9999".',
      { file: WRANGLER_FILE },
    );
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(vars)) {
    if (!names.has(key)) continue;
    if (typeof value === "string") result.set(key, value);
    else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
      result.set(key, String(value));
    else
      throw new ConfigError(
        `${WRANGLER_FILE} [vars]: ${key} must be a string or a number`,
        `Write it as ${key} = "...".`,
        { file: WRANGLER_FILE },
      );
  }
  return result;
}
