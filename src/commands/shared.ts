import { Chalk, type ChalkInstance, supportsColorStderr } from "chalk";
import { type Command, Option } from "commander";
import {
  AuthenticationError,
  ConnectionError,
  ConnectionLostError,
  NotConnectedError,
  TimeoutError,
  ValidationError,
  XswarmError,
} from "../client/errors.js";
import type { ConfigFlags } from "../config/types.js";

/** Exit codes, as documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  connect: 3,
  auth: 4,
  timeout: 5,
  lost: 6,
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  the supervisor answered \`error\`, or doctor found a failure
  2  bad usage or invalid input; nothing was sent
  3  could not connect (refused, DNS, handshake)
  4  authentication failed
  5  timed out waiting for the reply
  6  the connection was lost after it was made (connection_lost): an event may have
     reached the supervisor; it is not re-sent
  130  interrupted (Ctrl-C); load mode prints its summary first`;

/** The hint of a usage error in a command's options (not in an event's fields). */
export const OPTIONS_HINT = "See --help for the options.";

/** Options every command that talks to a supervisor takes. */
export interface CommonOptions {
  url?: string;
  token?: string;
  timeout?: string;
  json?: boolean;
  envFile?: string;
  verbose?: boolean;
}

export function addCommonOptions(command: Command): Command {
  return command
    .option("--url <url>", "supervisor WebSocket URL (default: SUPERVISOR_URL, else ws://127.0.0.1:9999)")
    .option("--token <token>", "auth token (default: SUPERVISOR_TOKEN, else dev-token-12345)")
    .option("--timeout <ms>", "how long to wait for each reply, in ms (default 10000)")
    .option("--json", "print one JSON document on stdout; human messages go to stderr")
    .option("--env-file <path>", "read configuration from this file too (above .env.local and .env)")
    .addOption(new Option("--verbose", "print stack traces and protocol detail"));
}

/** The common options as configuration flags (`--timeout` becomes `timeoutMs`, checked by loadConfig). */
export function configFlags(options: CommonOptions): ConfigFlags {
  const flags: ConfigFlags = {};
  if (options.url !== undefined) flags.url = options.url;
  if (options.token !== undefined) flags.token = options.token;
  if (options.timeout !== undefined) flags.timeoutMs = options.timeout;
  if (options.envFile !== undefined) flags.envFile = options.envFile;
  return flags;
}

/** Which exit code an error maps to. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthenticationError) return EXIT.auth;
  if (error instanceof TimeoutError) return EXIT.timeout;
  if (error instanceof ConnectionLostError) return EXIT.lost;
  if (error instanceof ConnectionError || error instanceof NotConnectedError) return EXIT.connect;
  if (error instanceof XswarmError && (error.code === "config_error" || error.code === "invalid_input"))
    return EXIT.usage;
  return EXIT.failure;
}

/** Colours for a stream: none when it is not a terminal or NO_COLOR is set; FORCE_COLOR wins. */
export function colorsFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
    return new Chalk({ level: supportsColorStderr ? supportsColorStderr.level || 1 : 1 });
  if (env.NO_COLOR || !stream.isTTY) return new Chalk({ level: 0 });
  return new Chalk({ level: supportsColorStderr ? supportsColorStderr.level : 1 });
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
