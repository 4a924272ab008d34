import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { runCommand } from "./commands/define-command.js";
import { plainLine } from "./commands/plain-line.js";
import { programHelp } from "./commands/program-help.js";
import { stdoutHelpWidth, writeStdout } from "./commands/stdout.js";
import { COMMANDS, commandsNeeded } from "./commands/table.js";

// A run starts without commander where it can (the program's help, a plain line of one command):
// commander and the program load for everything else (./commands/program.ts).

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The commander program, with the definitions of the commands in `load` (all by default) and stand-ins
 * for the others, which only name themselves in the top-level help.
 */
export async function buildProgram(load?: ReadonlySet<string>): Promise<Command> {
  return (await import("./commands/program.js")).buildProgram(version(), load);
}

const PROGRAM_HELP = new Set(["--help", "-h", "help"]);

/**
 * Entry point of the `xswarm-dev` executable. Errors of the commands are reported by the commands;
 * anything else it throws is for {@link reportFatal}.
 */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && PROGRAM_HELP.has(args[0] as string)) {
    writeStdout(programHelp(stdoutHelpWidth()));
    return;
  }
  const entry = COMMANDS.find((command) => command.name === args[0]);
  if (entry !== undefined && "define" in entry) {
    const definition = await entry.define();
    const line = plainLine(definition, args.slice(1));
    if (line !== undefined) return runCommand(definition, line);
  }
  return (await import("./commands/program.js")).runProgram(argv, version(), commandsNeeded(args));
}

/** What `bin` does with an error `main()` threw: the one error report, a stack only with --verbose. */
export async function reportFatal(error: unknown, argv: string[]): Promise<void> {
  const { prepareColors, reportError } = await import("./commands/colors.js");
  await prepareColors();
  process.exitCode = reportError(error, {
    json: argv.includes("--json"),
    verbose: argv.includes("--verbose"),
  });
}
