// `node --import ./record-modules.mjs`: appends the URL of every module the process loads, one a
// line, to $RECORD_MODULES_FILE (the loader hooks run on their own thread, so they write the file).
import { register } from "node:module";

register("./record-modules-hooks.mjs", import.meta.url, { data: process.env.RECORD_MODULES_FILE });
