import { Command } from "commander";
import { type ExitName, exitCodesHelp } from "../errors.js";
import { prepareColors } from "./colors.js";
import { addOptions, given, type OptionSpecs, type OptionValues, parseOptions } from "./options/define.js";
import { run } from "./shared.js";

/** What a command's action receives besides its parsed options. */
export interface CommandContext<S extends OptionSpecs> {
  /** The positional arguments, in the order declared. */
  args: (string | undefined)[];
  /** Whether the user typed this option (defaults applied or not). */
  given(key: keyof S & string): boolean;
}

/** A command, declared once: its options, help and exit codes, and the action that runs it. */
export interface CommandDefinition<S extends OptionSpecs> {
  name: string;
  description: string;
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

/** Builds the commander command: options from their specs, parsing and errors the one way. */
export function defineCommand<S extends OptionSpecs>(definition: CommandDefinition<S>): Command {
  const command = new Command(definition.name).description(definition.description);
  for (const argument of definition.arguments ?? []) command.argument(argument.name, argument.description);
  addOptions(command, definition.options);
  command.addHelpText("after", `${definition.help ?? ""}\n${exitCodesHelp(definition.exits)}`);
  return command.action(async (...received: unknown[]) => {
    // commander calls back with the arguments, then the raw options, then the command itself.
    const raw = received.at(-2) as Record<string, unknown>;
    const args = received.slice(0, -2) as (string | undefined)[];
    await run({ json: raw.json === true, verbose: raw.verbose === true }, async () => {
      const options = parseOptions(
        definition.options,
        raw,
        `${definition.name} options`,
        definition.optionsHint,
      );
      const context: CommandContext<S> = {
        args,
        given: (key) => given(definition.options[key] as S[string], key, raw),
      };
      await prepareColors();
      return definition.action(options, context);
    });
  });
}
