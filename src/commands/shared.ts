import type { ConfigFlags } from "../config/types.js";
import { EXIT, EXIT_MEANING, exitCodeOf, exitCodesHelp } from "../errors.js";
import { XswarmError } from "../protocol/errors.js";
import { guardStdout } from "./stdout.js";

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

/** One JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Runs a command's body, turning a thrown error into the documented output and exit code. */
export async function run(
  options: { json?: boolean; verbose?: boolean },
  body: () => Promise<number>,
): Promise<void> {
  guardStdout();
  try {
    process.exitCode = await body();
  } catch (error) {
    // The report's module (and chalk, for a terminal) loads only when there is an error to report.
    const { prepareColors, reportError } = await import("./colors.js");
    await prepareColors();
    process.exitCode = reportError(error, options);
  }
}
