import { fstatSync, statSync, writeSync } from "node:fs";
import type { OutputConfiguration } from "commander";

// `process.stdout` is made on first use, and making it loads Node's stream modules (~3 ms of a --help
// that takes 45): commander's own output (help, version) is written straight to the file descriptor when
// stdout is a file, a pipe or /dev/null, as the stream would do, and through the stream only for a
// terminal (commander asks it for the width) or once a write could not finish.

const STDOUT = 1;
let direct: boolean | undefined;
let guarded = false;

/** Whether stdout is surely not a terminal: a file, a pipe, a socket or /dev/null. */
function notTerminal(): boolean {
  try {
    const stat = fstatSync(STDOUT);
    return !stat.isCharacterDevice() || stat.rdev === statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

/**
 * `xswarm-dev --help | head` closes the pipe early: that is not an error. Called before anything is
 * written to `process.stdout`.
 */
export function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Writes `text` to stdout: to the descriptor when that is not a terminal, else through the stream. */
export function writeStdout(text: string): void {
  direct ??= notTerminal();
  if (!direct) {
    guardStdout();
    process.stdout.write(text);
    return;
  }
  let rest = Buffer.from(text);
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(STDOUT, rest));
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      if (code !== "EAGAIN") throw error;
      // A non-blocking pipe that is full: the stream queues the rest, and every later write.
      direct = false;
      guardStdout();
      process.stdout.write(rest);
      return;
    }
  }
}

// commander's test of the colour conventions (its useColor(), which it does not export).
function colorConvention(env: NodeJS.ProcessEnv): boolean | undefined {
  if (env.NO_COLOR || env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return undefined;
}

/** The width commander wraps help to on stdout: a terminal's columns; none (80) for anything else. */
export function stdoutHelpWidth(): number | undefined {
  direct ??= notTerminal();
  return !direct && process.stdout.isTTY ? process.stdout.columns : undefined;
}

/**
 * commander's output settings for stdout: what its defaults give (width and colours from the stream for
 * a terminal; no width, colours only by convention otherwise), without making the stream for a
 * non-terminal.
 */
export function stdoutOutput(): OutputConfiguration {
  direct ??= notTerminal();
  if (!direct) return { writeOut: writeStdout };
  return {
    writeOut: writeStdout,
    // commander's default answers undefined for a non-terminal (its type says number): width 80.
    getOutHelpWidth: () => undefined as unknown as number,
    // Undefined, as commander's default gives, when no convention is set.
    getOutHasColors: () => colorConvention(process.env) as boolean,
  };
}
