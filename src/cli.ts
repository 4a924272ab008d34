import { readFileSync } from "node:fs";
import { Command, CommanderError, Help } from "commander";
import { EXIT, EXIT_CODES_HELP, printJson } from "./commands/shared.js";
import { stdoutOutput } from "./commands/stdout.js";
import { COMMANDS, commandsNeeded } from "./commands/table.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev supervisor --responder echo        start a dev supervisor on 127.0.0.1:9999
  $ xswarm-dev send-sms "Hello boss" --user alice  send a simulated inbound SMS
  $ xswarm-dev doctor                               diagnose the supervisor link
  $ xswarm-dev watch --embedded                     live dashboard on an embedded supervisor`;

const HELP_AFTER_ERROR = "(add --help for usage)";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

const ALL = new Set(COMMANDS.map((entry) => entry.name));

/**
 * Builds the commander program. Commands are registered here and nowhere else: those in `load` with
 * their definitions, the others as stand-ins that only name themselves in the top-level help.
 */
export async function buildProgram(load: ReadonlySet<string> = ALL): Promise<Command> {
  const terms = new Map<Command, string>();
  const program = new Command("xswarm-dev")
    .description("Developer CLI and dashboard for the xswarm supervisor link")
    .version(version(), "-V, --version")
    .showHelpAfterError(HELP_AFTER_ERROR)
    .addHelpText("after", `${EXAMPLES}\n${EXIT_CODES_HELP}`)
    .configureHelp({ subcommandTerm: (command) => terms.get(command) ?? new Help().subcommandTerm(command) });
  const commands = await Promise.all(
    COMMANDS.map(async (entry) => {
      if (load.has(entry.name)) return entry.load();
      const standIn = new Command(entry.name).description(entry.description).action(() => {
        throw new Error(`${entry.name} was not loaded`);
      });
      terms.set(standIn, entry.term);
      return standIn;
    }),
  );
  for (const command of commands) program.addCommand(command);
  const output = stdoutOutput();
  program.exitOverride().configureOutput(output);
  // An unknown option gets the same pointer to --help as an unknown command.
  for (const command of program.commands)
    command.exitOverride().showHelpAfterError(HELP_AFTER_ERROR).configureOutput(output);
  return program;
}

/**
 * Entry point of the `xswarm-dev` executable. Errors of the commands are reported by the commands;
 * anything else it throws is for {@link reportFatal}.
 */
export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(commandsNeeded(argv.slice(2)));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return;
      process.exitCode = EXIT.usage;
      // commander has printed the usage error on stderr; --json promises one JSON document on stdout.
      if (argv.includes("--json"))
        printJson({ error: { code: "invalid_input", message: error.message.replace(/^error: /, "") } });
      return;
    }
    throw error;
  }
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
