import type { ChalkInstance } from "chalk";
import { XswarmError } from "../protocol/errors.js";
import { exitCodeFor, printJson } from "./shared.js";

// chalk (~5 ms to load: its terminal probing loads node:tty and node:os) loads only when a stream will
// be painted: not for --help, and not when stdout and stderr are pipes or files (scripts, CI, the
// benchmarks). Every command runs through prepareColors() (defineCommand, and the error report).

type ChalkModule = typeof import("chalk");
let chalk: ChalkModule | undefined;

const forced = (env: NodeJS.ProcessEnv) =>
  env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";

/** Whether colorsFor paints this stream: FORCE_COLOR wins, else a terminal without NO_COLOR. */
const painted = (stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv) =>
  forced(env) || !(env.NO_COLOR || !stream.isTTY);

/** Loads chalk when stdout or stderr will be painted; colorsFor needs it then. */
export async function prepareColors(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (chalk === undefined && (painted(process.stdout, env) || painted(process.stderr, env)))
    chalk = await import("chalk");
}

/**
 * What `new Chalk({ level: 0 })` is, without chalk: every style is the text unchanged (several
 * arguments joined by a space), `visible` is empty.
 */
function plainChalk(empty: boolean): ChalkInstance {
  const paint = (...args: unknown[]) => (empty ? "" : args.length === 1 ? `${args[0]}` : args.join(" "));
  const proxy: ChalkInstance = new Proxy(paint, {
    get: (_target, key) => {
      if (key === "level") return 0;
      if (key === "visible") return empty ? proxy : EMPTY;
      return proxy;
    },
  }) as unknown as ChalkInstance;
  return proxy;
}
const PLAIN = plainChalk(false);
const EMPTY = plainChalk(true);

/** Colours for a stream: none when it is not a terminal or NO_COLOR is set; FORCE_COLOR wins. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  if (!painted(stream, env)) return PLAIN;
  if (chalk === undefined) throw new Error("colorsFor() before prepareColors(): chalk is not loaded");
  const { Chalk, supportsColor, supportsColorStderr } = chalk;
  // The level the terminal behind this very stream supports (stdout's is not stderr's).
  const support = stream === process.stderr ? supportsColorStderr : supportsColor;
  if (forced(env)) return new Chalk({ level: support ? support.level || 1 : 1 });
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
