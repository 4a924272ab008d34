import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The CLI's bin shim, which runs the compiled code in dist/. */
export const BIN = join(ROOT, "bin", "xswarm-dev.js");

let built = false;
let bundled = false;

/** The bundle alone (esbuild, a second or two): what the servers under test run, as users run them. */
export function bundle(): void {
  if (bundled) return;
  bundled = true;
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs")], { cwd: ROOT, stdio: "ignore" });
}

/** The CLI runs from dist/: build the current sources once per bench run (type errors do not stop the emit). */
export function buildCli(): void {
  if (built) return;
  built = true;
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
  } catch {
    // tsc exits non-zero on type errors elsewhere but still writes dist/.
  }
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs")], { cwd: ROOT, stdio: "ignore" });
  bundled = true;
}
