// Bundles the CLI into dist/xswarm-dev.js (+ lazily loaded chunks), so that a command starts by
// loading a handful of files instead of ~170 ES modules. The library (dist/index.js) stays tsc's output.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
// Bundled: the pure-JS dependencies every command loads. External: ink/react (loaded only by the
// dashboard), the Anthropic SDK (only by --responder claude), and ws's optional native add-ons.
const bundled = new Set(["zod", "commander", "chalk", "smol-toml", "ws"]);
const external = [
  ...Object.keys(pkg.dependencies).filter((name) => !bundled.has(name)),
  "bufferutil",
  "utf-8-validate",
];

rmSync(new URL("../dist/chunks", import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { "xswarm-dev": "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: [...external, ...external.map((name) => `${name}/*`)],
  // commander is CommonJS: give its require() calls of node built-ins a real require.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  sourcemap: true,
  logLevel: "warning",
});
