// A dynamic import() of one of our chunks goes through Node's asynchronous ES module loader, which loads
// its promise-based file reading first (internal/fs/promises, readline, fs watchers: 10 native modules,
// ~4 ms of a send-sms). require() of an ES module (Node 20.19 and later) loads the same module into the
// same module map, synchronously: each such import() becomes a call of one function (put in esbuild's
// runtime chunk), which require()s the chunk in a microtask and returns the promise import() would
// (rejected by the module's own error). A Node without require() of ES modules, or a chunk with a top-level await, gets
// import() as before.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { shiftSourceMap } from "./shift-source-map.mjs";

const DYNAMIC_IMPORT = /\bimport\("(\.\.?\/[\w/.-]+\.js)"\)/g;
const LOADER = "__importChunk";

// The loader is written once, in esbuild's runtime chunk (the one that exports __require, which every
// output imports), and imported by each file that calls it with its own URL: 13 copies of it were
// ~0.7 KB of the package.
const loader = `export function ${LOADER}(specifier,url){return new Promise(resolve=>{let required;try{required=process.getBuiltinModule?.("node:module").createRequire(url)(specifier)}catch(error){if(error?.code!=="ERR_REQUIRE_ESM"&&error?.code!=="ERR_REQUIRE_ASYNC_MODULE")throw error}resolve(required??import(new URL(specifier,url).href))})}`;
const RUNTIME = /\bexport\s*\{[^}]*\b__require\b[^}]*\}/;

/** `text` with `line` put before its source map comment, which stays the last line. */
function beforeMapComment(text, line) {
  const comment = text.lastIndexOf("\n//# sourceMappingURL=");
  const at = comment === -1 ? text.length : comment;
  return `${text.slice(0, at)}\n${line}${text.slice(at)}`;
}

/** Rewrites the dynamic imports of local chunks in every .js file under `dist`. */
export function requireChunks(dist) {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => join(entry.parentPath, entry.name));
  const runtimes = files.filter((file) => RUNTIME.test(readFileSync(file, "utf8")));
  if (runtimes.length !== 1)
    throw new Error(`${runtimes.length} files export __require: which is the runtime?`);
  const [runtime] = runtimes;
  writeFileSync(runtime, beforeMapComment(readFileSync(runtime, "utf8"), loader));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const edits = [];
    const rewritten = text.replace(DYNAMIC_IMPORT, (call, specifier, at) => {
      const now = `${LOADER}("${specifier}",import.meta.url)`;
      const before = text.slice(0, at);
      edits.push({
        line: before.split("\n").length - 1,
        column: at + call.length - (before.lastIndexOf("\n") + 1),
        delta: now.length - call.length,
      });
      return now;
    });
    if (edits.length === 0) continue;
    // An import declaration is hoisted: at the end, it leaves the source map's lines as they are.
    const path = relative(dirname(file), runtime).split(sep).join("/");
    const from = path.startsWith(".") ? path : `./${path}`;
    writeFileSync(
      file,
      file === runtime ? rewritten : beforeMapComment(rewritten, `import{${LOADER}}from"${from}";`),
    );
    const map = `${file}.map`;
    writeFileSync(map, JSON.stringify(shiftSourceMap(JSON.parse(readFileSync(map, "utf8")), edits)));
  }
}
