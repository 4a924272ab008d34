// `node --import ./record-modules.mjs`: appends the URL of every module the process loads, one a
// line, to $RECORD_MODULES_FILE (the loader hooks run on their own thread, so they write the file).
// What require() loads (bin's entry, the chunks scripts/require-chunks.mjs loads) the hooks do not see:
// require's cache is added at exit.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.RECORD_MODULES_FILE;
register("./record-modules-hooks.mjs", import.meta.url, { data: file });
if (file) {
  const { cache } = createRequire(import.meta.url);
  process.on("exit", () => {
    const urls = Object.keys(cache).map((path) => pathToFileURL(path).href);
    appendFileSync(file, urls.map((url) => `${url}\n`).join(""));
  });
}
