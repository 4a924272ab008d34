#!/usr/bin/env -S node --
// `node --` ends Node's own options: Node 20 would otherwise read our `--env-file <path>` flag as its own.
// CommonJS (bin/package.json) that require()s the compiled CLI: Node's ES module loader would first load
// its asynchronous file reading (fs/promises, readline: ~3 ms of a --help). A Node that cannot require()
// an ES module (before 20.19) imports it.
let cli;
try {
  cli = require("../dist/xswarm-dev.js");
} catch (error) {
  if (error.code !== "ERR_REQUIRE_ESM" && error.code !== "ERR_REQUIRE_ASYNC_MODULE") throw error;
}
(cli ? Promise.resolve(cli) : import("../dist/xswarm-dev.js")).then(({ main, reportFatal }) =>
  main(process.argv).catch((error) => reportFatal(error, process.argv)),
);
