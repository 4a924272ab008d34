import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * End-to-end tests run the compiled CLI: build it (declarations, then the bundle) once per run from the
 * current sources. Nothing else builds.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  // Declarations only, without the type check: `npm run typecheck` does that, and it is a quarter of
  // the build's time.
  execFileSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--noCheck"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, stdio: "inherit" });
}
