import type { Command, Option } from "commander";
import { RESPONDER_NAMES } from "../supervisor/responders/index.js";

/** What the value of a flag or argument completes to. */
export type ValueCompletion =
  | { kind: "none" }
  | { kind: "words"; words: readonly string[] }
  | { kind: "files" }
  | { kind: "free" };

export interface FlagSpec {
  /** `--url`, `-m`: every spelling of the flag. */
  names: string[];
  description: string;
  /** `none`: a switch that takes no value. */
  value: ValueCompletion;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** What a word that is not a flag completes to (the first positional argument). */
  argument: ValueCompletion;
}

export interface ProgramSpec {
  name: string;
  flags: FlagSpec[];
  commands: CommandSpec[];
}

const HELP_FLAG: FlagSpec = { names: ["-h", "--help"], description: "display help", value: { kind: "none" } };

// Values that name a file: the placeholder says so (<path>, <file>).
const FILE_PLACEHOLDER = /<(path|file|dir)[^>]*>|\[(path|file|dir)[^\]]*\]/;

function completionOf(option: Option): ValueCompletion {
  if (!option.required && !option.optional) return { kind: "none" };
  if (option.argChoices) return { kind: "words", words: option.argChoices };
  if (option.attributeName() === "responder") return { kind: "words", words: RESPONDER_NAMES };
  if (FILE_PLACEHOLDER.test(option.flags)) return { kind: "files" };
  return { kind: "free" };
}

function flagOf(option: Option): FlagSpec {
  const names = [option.short, option.long].filter((n): n is string => n !== undefined);
  return { names, description: option.description, value: completionOf(option) };
}

function argumentOf(command: Command): ValueCompletion {
  const [first] = command.registeredArguments;
  if (first === undefined) return { kind: "none" };
  if (first.argChoices) return { kind: "words", words: first.argChoices };
  return { kind: "free" };
}

/**
 * The commands, flags and values of a commander program, read from the program itself so that the
 * completion scripts cannot drift from it. Adds `help <command>`, which commander provides.
 */
export function programSpec(program: Command): ProgramSpec {
  const commands: CommandSpec[] = program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    flags: [...command.options.filter((o) => !o.hidden).map(flagOf), HELP_FLAG],
    argument: argumentOf(command),
  }));
  commands.push({
    name: "help",
    description: "display help for a command",
    flags: [],
    argument: { kind: "words", words: commands.map((c) => c.name) },
  });
  return {
    name: program.name(),
    flags: [...program.options.filter((o) => !o.hidden).map(flagOf), HELP_FLAG],
    commands,
  };
}
