// Bundles the CLI (dist/xswarm-dev.js) and the library (dist/index.js) in one build that shares chunks,
// so that a command starts by loading a handful of files instead of ~170 ES modules and the package
// carries each module once. tsc writes only the declarations (tsconfig.build.json).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { mergeChunks } from "./merge-chunks.mjs";
import { pruneDeclarations } from "./prune-declarations.mjs";
import { requireChunks } from "./require-chunks.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// Bundled: the pure-JS modules every command loads (devDependencies, so not installed a second time).
// External: every `dependencies` entry (ink/react load only with the dashboard, the Anthropic SDK only
// with --responder claude) and ws's optional native add-ons.
const external = [...Object.keys(pkg.dependencies), "bufferutil", "utf-8-validate"];

// Output of earlier builds (tsc's per-file JavaScript, old chunks, declarations of deleted sources)
// must not end up in the package.
const dist = join(root, "dist");
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  const source = join(root, "src", relative(dist, file)).replace(/\.d\.ts$/, "");
  const stale = entry.name.endsWith(".d.ts") && !existsSync(`${source}.ts`) && !existsSync(`${source}.tsx`);
  if (stale || /\.js(\.map)?$/.test(entry.name)) rmSync(file);
}
rmSync(join(dist, "chunks"), { recursive: true, force: true });

// An ES import of a Node built-in gets an ES module facade that reads every export once: for
// node:process (chalk imports it) that runs the lazy getters, `process.report` among them (2 ms), and
// each facade costs its import. Through require() the built-in is what it is. The module that stands for
// it exports the members our sources import by name (read once, when it loads) and the module as the
// default: a CommonJS stand-in would be copied, getter by getter, into a namespace object by each chunk
// that imports it (esbuild's __toESM: ~1 ms of a send, over node:fs's hundred members and the rest).
const BUILTIN = new RegExp(
  `^(node:)?(${builtinModules.map((name) => name.replace(/[/]/g, "\\/")).join("|")})$`,
);
const NAMED_IMPORT = /\bimport\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g;
/** The members that src/ imports by name from each built-in, as written (`node:fs`). */
function builtinMembers() {
  const members = new Map();
  for (const entry of readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    for (const [, names, from] of readFileSync(join(entry.parentPath, entry.name), "utf8").matchAll(
      NAMED_IMPORT,
    )) {
      if (!BUILTIN.test(from)) continue;
      const set = members.get(from) ?? new Set();
      for (const name of names.split(",").map((n) => n.trim()))
        if (name !== "" && !name.startsWith("type ")) set.add(name.split(/\s+as\s+/)[0]);
      members.set(from, set);
    }
  }
  return members;
}
const builtinsByRequire = {
  name: "builtins-by-require",
  setup(build) {
    const members = builtinMembers();
    build.onResolve({ filter: BUILTIN }, (args) =>
      args.kind === "import-statement" ? { path: args.path, namespace: "builtin" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => {
      const names = [...(members.get(args.path) ?? [])];
      const named = names.length === 0 ? "" : `export const { ${names.join(", ")} } = builtin;`;
      return {
        contents: `const builtin = require(${JSON.stringify(args.path)});\nexport default builtin;\n${named}`,
        loader: "js",
      };
    });
  },
};

// `import WebSocket from "ws"` loads ws's index (wrapper.mjs): the server, the stream wrapper, every
// export. A client (src/client, doctor's probe, the scenario link) only ever makes a ws:// or wss://
// connection: it gets lib/websocket.js, and WebSocketServer loads only with the supervisor and the tap.
const WS_CLIENTS = /[\\/]src[\\/](client|diagnostics|scenario)[\\/]/;
const wsClientOnly = {
  name: "ws-client-only",
  setup(build) {
    build.onResolve({ filter: /^ws$/ }, (args) =>
      args.kind === "import-statement" && WS_CLIENTS.test(args.importer)
        ? { path: "ws-client", namespace: "ws-client" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "ws-client" }, () => ({
      contents: 'import WebSocket from "./lib/websocket.js"; export { WebSocket }; export default WebSocket;',
      resolveDir: join(root, "node_modules/ws"),
      loader: "js",
    }));
  },
};

// commander requires node:child_process at load (~3 ms: it brings net, dgram and the socket list) for
// executable subcommands (`git-style`), which this program has none of: it is required when spawned.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: "commander-lazy-child-process",
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(COMMANDER_CHILD_PROCESS))
        throw new Error(`${args.path}: no \`${COMMANDER_CHILD_PROCESS}\` to make lazy (a new commander?)`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: "js" };
    });
  },
};

// ws requires at load what only some connections use: https and tls (wss:// only) and zlib (the
// permessage-deflate extension, which every connection of ours turns off). Node compiles each of those
// built-ins (tls brings _tls_wrap, _tls_common, the secure context) on every send-sms and doctor run:
// here they are required on first use, the same modules with the same members.
const WS_LAZY = {
  "websocket.js": ["https", "tls"],
  "permessage-deflate.js": ["zlib"],
};
const lazyWsBuiltins = {
  name: "ws-lazy-builtins",
  setup(build) {
    build.onLoad({ filter: /[\\/]ws[\\/]lib[\\/](websocket|permessage-deflate)\.js$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      for (const name of WS_LAZY[args.path.replace(/.*[\\/]/, "")]) {
        const eager = `const ${name} = require('${name}');`;
        if (!source.includes(eager))
          throw new Error(`${args.path}: no \`${eager}\` to make lazy (a new ws?)`);
        const lazy = `const ${name} = new Proxy({}, { get: (_, key) => require('${name}')[key] });`;
        source = source.replace(eager, lazy);
      }
      return vendorMinified(args.path, source);
    });
  },
};

// The bundled libraries' local names are shortened (our own code keeps its names, for readable --verbose
// stack traces): zod, commander, ws and the rest are most of the tarball, which must stay under 300 KB.
// Top-level names survive a per-file transform, so class and function names a library reads stay.
async function vendorMinified(path, source) {
  const { code } = await transform(source, {
    loader: "js",
    minifyIdentifiers: true,
    sourcemap: "inline",
    sourcefile: path,
  });
  return { contents: code, loader: "js" };
}
const vendorLocalsMinified = {
  name: "vendor-locals-minified",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.(js|mjs|cjs)$/ }, async (args) =>
      vendorMinified(args.path, readFileSync(args.path, "utf8")),
    );
  },
};

const REQUIRE_BANNER =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

// What every output is built with, the merged chunks too.
const OUTPUT = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // For stack traces of a local checkout (node --enable-source-maps); package.json `files` leaves them out.
  sourcemap: true,
  // Smaller chunks to load and to ship; identifiers are kept, so --verbose stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
};

const result = await build({
  ...OUTPUT,
  entryPoints: { "xswarm-dev": "src/cli.ts", index: "src/index.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  // commander and ws are CommonJS: give their require() calls of node built-ins a real require.
  banner: { js: REQUIRE_BANNER },
  plugins: [builtinsByRequire, wsClientOnly, lazyChildProcess, lazyWsBuiltins, vendorLocalsMinified],
  // The chunk graph, for mergeChunks; for a look at what each command loads (the chunks before they are
  // merged): BUNDLE_METAFILE=/tmp/meta.json node scripts/bundle.mjs
  metafile: true,
});

// esbuild puts the banner in every file, but only the runtime chunk (its __require) calls require:
// elsewhere it is a module import and a createRequire per file (~30 on a send) for nothing. It is
// blanked, not removed, so that the source maps' lines still match.
const BARE_REQUIRE = /(?<![\w$.])require\b/;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, "utf8");
  if (!text.startsWith(REQUIRE_BANNER)) continue;
  const body = text.slice(REQUIRE_BANNER.length);
  if (!BARE_REQUIRE.test(body)) writeFileSync(file, body);
}
if (process.env.BUNDLE_METAFILE) writeFileSync(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile));

// The runs that are timed (bench/cli.bench.ts) and the library: what they load is merged into fewer files.
const CLI_HOT = [
  "src/cli.ts",
  "src/commands/send-sms.ts",
  "src/commands/send-email.ts",
  "src/commands/doctor.ts",
  "src/commands/send-flow.ts",
  "src/commands/doctor-flow.ts",
];
await mergeChunks({
  root,
  metafile: result.metafile,
  hot: [...CLI_HOT, "src/index.ts"],
  cli: CLI_HOT,
  // The definitions of send-sms, send-email and doctor share most of their options: their chunks go
  // together (a doctor run loads send-sms's exit codes, 0.7 KB, and saves a file).
  alike: [["src/commands/send-sms.ts", "src/commands/send-email.ts", "src/commands/doctor.ts"]],
  options: OUTPUT,
});
requireChunks(dist);
pruneDeclarations(dist);
