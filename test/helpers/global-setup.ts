import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The newest modification time among `src` and the TypeScript configurations, in ms. */
function newestSource(): number {
  let newest = 0;
  const note = (path: string) => {
    newest = Math.max(newest, statSync(path).mtimeMs);
  };
  for (const entry of readdirSync(join(root, "src"), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) note(join(entry.parentPath, entry.name));
  for (const name of readdirSync(root)) if (/^tsconfig.*\.json$/.test(name)) note(join(root, name));
  return newest;
}

/** Whether dist/index.d.ts was written after every source changed (`npm run build`, or a run before). */
function declarationsCurrent(): boolean {
  try {
    return statSync(join(root, "dist", "index.d.ts")).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

/**
 * End-to-end tests run the compiled CLI: build it (declarations, then the bundle) once per run from the
 * current sources. Nothing else builds.
 */
export default function setup(): void {
  // Declarations only, without the type check (`npm run typecheck` does that), for the modules the
  // library's entry reaches (the package carries no others), and only when a source is newer than them:
  // they are what the package test reads, and their emit was 6-8 s of the suite's start-up.
  if (!declarationsCurrent()) {
    execFileSync(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.declarations.json", "--noCheck"],
      { cwd: root, stdio: "inherit" },
    );
  }
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, stdio: "inherit" });
}
