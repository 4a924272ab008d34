import { Chalk, type ChalkInstance, supportsColor, supportsColorStderr } from "chalk";
import { XswarmError } from "../protocol/errors.js";
import { exitCodeFor, printJson } from "./shared.js";

// chalk (and its terminal probing) apart from shared.ts, so that `--help` and the command table do not
// load it: the flows that paint import it from here.

/** Colours for a stream: none when it is not a terminal or NO_COLOR is set; FORCE_COLOR wins. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  // The level the terminal behind this very stream supports (stdout's is not stderr's).
  const support = stream === process.stderr ? supportsColorStderr : supportsColor;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
    return new Chalk({ level: support ? support.level || 1 : 1 });
  if (env.NO_COLOR || !stream.isTTY) return new Chalk({ level: 0 });
  return new Chalk({ level: support ? support.level : 1 });
}

/** Prints an error the way every command does: one or two lines (JSON with --json), no stack unless verbose. */
export function reportError(error: unknown, options: { json?: boolean; verbose?: boolean }): number {
  const code = exitCodeFor(error);
  const known = error instanceof XswarmError;
  const message = error instanceof Error ? error.message : String(error);
  if (options.json) {
    printJson({
      error: {
        code: known ? error.code : "internal_error",
        message,
        ...(known && error.hint ? { hint: error.hint } : {}),
      },
    });
  }
  const c = colorsFor(process.stderr);
  process.stderr.write(`${c.red("✖")} ${message}\n`);
  if (known && error.hint) process.stderr.write(`  ${c.dim(error.hint)}\n`);
  if (options.verbose && error instanceof Error && error.stack)
    process.stderr.write(`${c.dim(error.stack)}\n`);
  else if (!known) process.stderr.write(`  ${c.dim("Run again with --verbose for the stack trace.")}\n`);
  return code;
}
