import { readFileSync, statSync } from "node:fs";
import { ConfigError } from "./errors.js";

/** Reads a text file; `undefined` when it does not exist. Any other failure is a ConfigError naming it. */
export function readOptionalFile(path: string, label: string): string | undefined {
  try {
    // Most of the files looked for are not there: an ENOENT thrown by readFileSync costs ~0.1 ms (the
    // error and its stack), a stat that answers undefined a tenth of that. Any other failure still throws.
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    const why = code === "EISDIR" ? "is a directory" : code === "EACCES" ? "is not readable" : code;
    throw new ConfigError(
      `${label}: cannot read the file (${why ?? "unknown error"})`,
      "Fix the file's permissions or remove it.",
      { file: label },
    );
  }
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
