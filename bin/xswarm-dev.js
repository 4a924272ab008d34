#!/usr/bin/env -S node --
// `node --` ends Node's own options: Node 20 would otherwise read our `--env-file <path>` flag as its own.
import { main, reportFatal } from "../dist/xswarm-dev.js";

main(process.argv).catch((error) => reportFatal(error, process.argv));
