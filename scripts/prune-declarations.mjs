// tsc declares every module, but the package's types are what dist/index.d.ts reaches: the library's
// API. The declarations nothing there imports (the CLI's commands, the supervisor's connection, the
// client's internals) are removed, so that the package carries only what a TypeScript user resolves.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const RELATIVE_IMPORT = /\bfrom\s*"(\.{1,2}\/[^"]+)"|\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

/** The declaration files of `dist` that `entry` imports, directly or through others. */
export function reachableDeclarations(dist, entry = "index.d.ts") {
  const reached = new Set();
  const queue = [join(dist, entry)];
  while (queue.length > 0) {
    const file = queue.pop();
    if (reached.has(file) || !existsSync(file)) continue;
    reached.add(file);
    for (const [, from, imported] of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT))
      queue.push(resolve(dirname(file), (from ?? imported).replace(/\.js$/, ".d.ts")));
  }
  return reached;
}

/** Removes the declaration files of `dist` that dist/index.d.ts does not reach, and the folders left empty. */
export function pruneDeclarations(dist) {
  const reached = reachableDeclarations(dist);
  const folders = [];
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) folders.push(path);
    else if (entry.name.endsWith(".d.ts") && !reached.has(path)) rmSync(path);
  }
  // Deepest first, so that a folder whose subfolders were all empty goes too.
  for (const folder of folders.sort((a, b) => b.length - a.length))
    if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
}
