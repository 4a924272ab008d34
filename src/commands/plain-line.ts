import type { AnyCommandDefinition, CommandLine } from "./define-command.js";
import { attributeName, flagNames, longFlag } from "./options/define.js";

// A line made only of the command's own flags, each spelled out (`--url ws://…`, `-m hi`, `--count=5`),
// and of its arguments is parsed here as commander parses it, so that such a run (every scripted send)
// compiles neither commander (~50 KB) nor the program. Anything else goes to commander, which parses it
// or reports it as before: help, -V, a flag this command does not have, grouped short flags, `--`, a
// value that starts with a dash (the program would read -V in it), a missing value, an argument too
// many or too few. test/commands/plain-line.test.ts holds the two to the same result.

interface Flag {
  key: string;
  takesValue: boolean;
  negate: boolean;
  repeatable: boolean;
}

/** What commander would take for an option (or an option's value would have to be): `-x`, `--x`. */
const dashed = (arg: string) => arg.length > 1 && arg[0] === "-";

/** The command's flags by spelling, in commander's order of registration (the first spelling wins). */
function flagTable(definition: AnyCommandDefinition) {
  const flags = new Map<string, Flag>();
  const defaults: Record<string, unknown> = {};
  const register = (spelling: string, key: string, repeatable: boolean) => {
    const { short, long } = flagNames(spelling);
    const negate = long?.startsWith("--no-") === true;
    // commander: `--no-x` alone defaults x to true; after a `--x`, it leaves x unset.
    if (negate && !flags.has(`--${long?.slice(5)}`)) defaults[key] = true;
    const flag = { key, takesValue: spelling.includes("<"), negate, repeatable };
    for (const name of [short, long]) if (name !== undefined && !flags.has(name)) flags.set(name, flag);
  };
  for (const [key, spec] of Object.entries(definition.options)) {
    // An optional value (`[x]`) or a variadic one is commander's to parse.
    if (/[[]|\.\.\.[>\]]/.test(spec.flags)) return undefined;
    register(spec.flags, key, spec.repeatable === true);
    if (spec.negation) register(`--no-${longFlag(spec.flags).slice(2)}`, key, false);
    for (const alias of spec.aliases ?? []) register(alias, attributeName(alias), false);
  }
  return { flags, defaults };
}

/** The positional arguments as commander hands them to the action, or undefined for too many or few. */
function positional(definition: AnyCommandDefinition, operands: string[]): unknown[] | undefined {
  const declared = definition.arguments ?? [];
  const args: unknown[] = [];
  for (const [index, { name }] of declared.entries()) {
    // As commander reads `<x>`, `[x]`, `x` (required) and `x...` (variadic, the last one).
    const bare = name[0] === "<" || name[0] === "[" ? name.slice(1, -1) : name;
    if (name[0] !== "[" && operands[index] === undefined) return undefined;
    if (bare.endsWith("...")) return [...args, operands.slice(index)];
    args.push(operands[index]);
  }
  return operands.length > declared.length ? undefined : args;
}

/**
 * The line `args` (after the command's name) as commander would give it to the command's action, or
 * undefined when it is not that plain: commander's to parse, or to refuse.
 */
export function plainLine(
  definition: AnyCommandDefinition,
  args: readonly string[],
): CommandLine | undefined {
  const table = flagTable(definition);
  if (table === undefined) return undefined;
  const raw: Record<string, unknown> = { ...table.defaults };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!dashed(arg)) {
      operands.push(arg);
      continue;
    }
    let flag = table.flags.get(arg);
    let value: string | undefined;
    if (flag?.takesValue) {
      value = args[++i];
      if (value === undefined || dashed(value)) return undefined;
    } else if (flag === undefined) {
      // `--name=value`, for a flag that takes one.
      const equals = arg.indexOf("=");
      if (!arg.startsWith("--") || equals < 3) return undefined;
      flag = table.flags.get(arg.slice(0, equals));
      if (!flag?.takesValue) return undefined;
      value = arg.slice(equals + 1);
    }
    if (value === undefined) raw[flag.key] = !flag.negate;
    else if (flag.repeatable) raw[flag.key] = [...((raw[flag.key] as string[] | undefined) ?? []), value];
    else raw[flag.key] = value;
  }
  const positionals = positional(definition, operands);
  return positionals === undefined ? undefined : { args: positionals, raw };
}
