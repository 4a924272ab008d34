import { Command, CommanderError, Help, Option } from "commander";
import { exitCodesHelp } from "../errors.js";
import { type CommandDefinition, runCommand } from "./define-command.js";
import { helpDescription, longFlag, type OptionSpecs } from "./options/define.js";
import { PROGRAM_DESCRIPTION, PROGRAM_HELP_AFTER } from "./program-help.js";
import { EXIT, printJson } from "./shared.js";
import { stdoutOutput } from "./stdout.js";
import { COMMANDS, type CommandEntry } from "./table.js";

// The commander program: a command's help, completion, and every line ./plain-line.ts leaves to
// commander (usage errors among them) go through it.

// What completion.ts builds its command with: commander through this module, so that the bundle puts
// commander in this one file rather than in a chunk of its own (one file less, and a smaller package).
export { Argument, Command } from "commander";

const HELP_AFTER_ERROR = "(add --help for usage)";

/** Registers the options with commander. A key that is not commander's name for the flag is a bug. */
export function addOptions(command: Command, specs: OptionSpecs): Command {
  for (const [key, spec] of Object.entries(specs)) {
    const registered = new Option(spec.flags, helpDescription(spec));
    if (registered.attributeName() !== key)
      throw new Error(
        `${spec.flags} is declared as "${key}", commander calls it "${registered.attributeName()}"`,
      );
    if (spec.repeatable)
      registered.argParser((value: string, previous?: string[]) => [...(previous ?? []), value]);
    command.addOption(registered);
    if (spec.negation) command.addOption(new Option(`--no-${longFlag(spec.flags).slice(2)}`, spec.negation));
    for (const alias of spec.aliases ?? []) command.addOption(new Option(alias, spec.description).hideHelp());
  }
  return command;
}

/** The commander command of a definition: options from their specs, parsing and errors the one way. */
export function commandOf<S extends OptionSpecs>(definition: CommandDefinition<S>): Command {
  const description = COMMANDS.find((entry) => entry.name === definition.name)?.description ?? "";
  const command = new Command(definition.name).description(description);
  for (const argument of definition.arguments ?? []) command.argument(argument.name, argument.description);
  addOptions(command, definition.options);
  command.addHelpText("after", `${definition.help ?? ""}\n${exitCodesHelp(definition.exits)}`);
  return command.action(async (...received: unknown[]) => {
    // commander calls back with the arguments, then the raw options, then the command itself.
    const raw = received.at(-2) as Record<string, unknown>;
    await runCommand(definition, { raw, args: received.slice(0, -2) });
  });
}

/** The commander command of one entry of the table. */
export async function loadCommand(entry: CommandEntry): Promise<Command> {
  return "define" in entry ? commandOf(await entry.define()) : entry.command();
}

const ALL = new Set(COMMANDS.map((entry) => entry.name));

/**
 * Builds the commander program of that `version`. Commands are registered here and nowhere else: those
 * in `load` with their definitions, the others as stand-ins that only name themselves in the top-level
 * help.
 */
export async function buildProgram(version: string, load: ReadonlySet<string> = ALL): Promise<Command> {
  const terms = new Map<Command, string>();
  const program = new Command("xswarm-dev")
    .description(PROGRAM_DESCRIPTION)
    .version(version, "-V, --version")
    .showHelpAfterError(HELP_AFTER_ERROR)
    .addHelpText("after", PROGRAM_HELP_AFTER)
    .configureHelp({ subcommandTerm: (command) => terms.get(command) ?? new Help().subcommandTerm(command) });
  const commands = await Promise.all(
    COMMANDS.map(async (entry) => {
      if (load.has(entry.name)) return loadCommand(entry);
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

/** Parses and runs `argv` with commander, loading the commands it names (all, for completion). */
export async function runProgram(argv: string[], version: string, load: ReadonlySet<string>): Promise<void> {
  const program = await buildProgram(version, load);
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
