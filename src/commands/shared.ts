import { Chalk, type ChalkInstance, supportsColor, supportsColorStderr } from "chalk";
import type { ConfigFlags } from "../config/types.js";
import { EXIT, EXIT_MEANING, exitCodeOf, exitCodesHelp } from "../errors.js";
import { XswarmError } from "../protocol/errors.js";

export { EXIT } from "../errors.js";
export { OPTIONS_HINT } from "./options/define.js";

/** The program's exit codes, as `xswarm-dev --help` lists them. */
export const EXIT_CODES_HELP = exitCodesHelp({
  ok: true,
  failure: `${EXIT_MEANING.failure} (doctor: a step failed)`,
  usage: true,
  connect: true,
  auth: true,
  timeout: true,
  interrupted: true,
});

/** The connection options' values, as the configuration sees them. */
export interface ConnectionValues {
  url?: string;
  token?: string;
  timeout?: string;
  envFile?: string;
}

/** The connection options as configuration flags (`--timeout` becomes `timeoutMs`, checked by loadConfig). */
export function configFlags(options: ConnectionValues): ConfigFlags {
  const flags: ConfigFlags = {};
  if (options.url !== undefined) flags.url = options.url;
  if (options.token !== undefined) flags.token = options.token;
  if (options.timeout !== undefined) flags.timeoutMs = options.timeout;
  if (options.envFile !== undefined) flags.envFile = options.envFile;
  return flags;
}

/** Which exit code an error maps to: the table's, by its code; 1 for an error that is not ours. */
export function exitCodeFor(error: unknown): number {
  return error instanceof XswarmError ? exitCodeOf(error.code) : EXIT.failure;
}

/** Colours for a stream: none when it is not a terminal or NO_COLOR is set; FORCE_COLOR wins. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  // The level the terminal behind this very stream supports (stdout's is not stderr's).
  const support = stream === process.stderr ? supportsColorStderr : supportsColor;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
    return new Chalk({ level: support ? support.level || 1 : 1 });
  if (env.NO_COLOR || !stream.isTTY) return new Chalk({ level: 0 });
  return new Chalk({ level: support ? support.level : 1 });
}

/** One JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
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

/** Runs a command's body, turning a thrown error into the documented output and exit code. */
export async function run(
  options: { json?: boolean; verbose?: boolean },
  body: () => Promise<number>,
): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    process.exitCode = reportError(error, options);
  }
}
