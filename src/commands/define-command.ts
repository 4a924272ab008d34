import type { ExitName } from "../errors.js";
import { prepareColors } from "./colors.js";
import { given, type OptionSpecs, type OptionValues, parseOptions } from "./options/define.js";
import { run } from "./shared.js";

/** What a command's action receives besides its parsed options. */
export interface CommandContext<S extends OptionSpecs> {
  /** The positional arguments, in the order declared. */
  args: (string | undefined)[];
  /** Whether the user typed this option (defaults applied or not). */
  given(key: keyof S & string): boolean;
}

/**
 * A command, declared once: its options, help and exit codes, and the action that runs it. Its
 * description is the command table's (./table.ts), which the top-level help lists.
 */
export interface CommandDefinition<S extends OptionSpecs> {
  name: string;
  /** Positional arguments, e.g. `{ name: "[text]", description: "the message" }`. */
  arguments?: readonly { name: string; description: string }[];
  options: S;
  /** Examples and notes, shown in `--help` after the options. */
  help?: string;
  /** The exit codes `--help` lists: `true` for the table's wording, or the command's own. */
  exits: Partial<Record<ExitName, string | true>>;
  /** The hint of an option error; default "See --help for the options." */
  optionsHint?: string;
  /**
   * Runs the command and resolves with its exit code. Keep it to a dynamic import of the command's
   * flow, so that `--help` and the other commands do not load it.
   */
  action(options: OptionValues<S>, context: CommandContext<S>): Promise<number>;
}

/** A definition whatever its options, as the command table holds them. */
export type AnyCommandDefinition = CommandDefinition<OptionSpecs>;

/**
 * A parsed command line, as commander hands it to an action: the positional arguments in the order
 * declared (an array for a variadic one), and the options as typed, by attribute name, no defaults.
 */
export interface CommandLine {
  args: unknown[];
  raw: Record<string, unknown>;
}

/**
 * Declares a command. It is data: the program (./program.ts) makes a commander command of it for help
 * and for the lines only commander parses, and ./plain-line.ts parses the others without commander.
 */
export function defineCommand<S extends OptionSpecs>(definition: CommandDefinition<S>): CommandDefinition<S> {
  return definition;
}

/** Runs a command on its parsed line: options checked, errors reported, the exit code set, the one way. */
export async function runCommand<S extends OptionSpecs>(
  definition: CommandDefinition<S>,
  { raw, args }: CommandLine,
): Promise<void> {
  await run({ json: raw.json === true, verbose: raw.verbose === true }, async () => {
    const options = parseOptions(
      definition.options,
      raw,
      `${definition.name} options`,
      definition.optionsHint,
    );
    const context: CommandContext<S> = {
      args: args as (string | undefined)[],
      given: (key) => given(definition.options[key] as S[string], key, raw),
    };
    await prepareColors();
    return definition.action(options, context);
  });
}
