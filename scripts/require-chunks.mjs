// A dynamic import() of one of our chunks goes through Node's asynchronous ES module loader, which loads
// its promise-based file reading first (internal/fs/promises, readline, fs watchers: 10 native modules,
// ~4 ms of a send-sms). require() of an ES module (Node 20.19 and later) loads the same module into the
// same module map, synchronously: each such import() becomes a call of a function appended to its file,
// which require()s the chunk in a microtask and returns the promise import() would (rejected by the
// module's own error). A Node without require() of ES modules, or a chunk with a top-level await, gets
// import() as before.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shiftSourceMap } from "./shift-source-map.mjs";

const DYNAMIC_IMPORT = /\bimport\("(\.\.?\/[\w/.-]+\.js)"\)/g;
const LOADER = "__importChunk";

const loader = `function ${LOADER}(specifier){return new Promise(resolve=>{let required;try{required=process.getBuiltinModule?.("node:module").createRequire(import.meta.url)(specifier)}catch(error){if(error?.code!=="ERR_REQUIRE_ESM"&&error?.code!=="ERR_REQUIRE_ASYNC_MODULE")throw error}resolve(required??import(specifier))})}`;

/** Rewrites the dynamic imports of local chunks in every .js file under `dist`. */
export function requireChunks(dist) {
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const edits = [];
    const rewritten = text.replace(DYNAMIC_IMPORT, (call, specifier, at) => {
      const now = `${LOADER}("${specifier}")`;
      const before = text.slice(0, at);
      edits.push({
        line: before.split("\n").length - 1,
        column: at + call.length - (before.lastIndexOf("\n") + 1),
        delta: now.length - call.length,
      });
      return now;
    });
    if (edits.length === 0) continue;
    // Before the source map comment, which stays the last line; a function declaration is hoisted.
    const comment = rewritten.lastIndexOf("\n//# sourceMappingURL=");
    const at = comment === -1 ? rewritten.length : comment;
    writeFileSync(file, `${rewritten.slice(0, at)}\n${loader}${rewritten.slice(at)}`);
    const map = `${file}.map`;
    writeFileSync(map, JSON.stringify(shiftSourceMap(JSON.parse(readFileSync(map, "utf8")), edits)));
  }
}
