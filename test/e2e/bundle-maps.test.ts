import { readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

// scripts/merge-chunks.mjs merges chunks again and rewrites the imports of the others: their source maps
// must still point each function at its source (for --verbose stack traces of a checkout).
describe("the bundle's source maps", () => {
  it("map every named function declaration to a source line that declares it", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".js") || entry.parentPath.includes(".d.ts")) continue;
      const file = join(entry.parentPath, entry.name);
      let map: SourceMap;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
      } catch {
        continue;
      }
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, n) => {
          // __importChunk is appended by scripts/require-chunks.mjs: it has no source.
          for (const match of line.matchAll(/function ([A-Za-z][\w$]{3,})\(/g)) {
            const found = map.findEntry(n, (match.index ?? 0) + "function ".length);
            if (!("originalSource" in found)) continue;
            const name = (match[1] ?? "").replace(/\d+$/, "");
            const source = readFileSync(resolve(dirname(file), found.originalSource), "utf8").split("\n");
            checked += 1;
            const declared = source[found.originalLine] ?? "";
            if (!declared.includes(name) && !/default/.test(declared))
              wrong.push(
                `${entry.name}:${n + 1} ${name} -> ${found.originalSource}:${found.originalLine + 1}`,
              );
          }
        });
    }
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });
});
