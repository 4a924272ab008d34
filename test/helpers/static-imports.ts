import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The compiled CLI's entry: bin require()s it, and Node 20's loader hooks do not see what require()
 * loads (the entry and its static imports).
 */
export const CLI_ENTRY = fileURLToPath(new URL("../../dist/xswarm-dev.js", import.meta.url));

const STATIC_IMPORT =
  /\b(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from)?\s*"([^"]+)"/g;

/**
 * `files` and every file they import statically (so that it surely loaded), with the bare specifiers
 * (packages, built-ins) that any of them imports statically.
 */
export function withStaticImports(files: string[]): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...files];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const [, specifier = ""] of readFileSync(next, "utf8").matchAll(STATIC_IMPORT))
      if (specifier.startsWith(".")) queue.push(join(dirname(next), specifier));
      else packages.add(specifier);
  }
  return { files: [...seen], packages: [...packages] };
}
