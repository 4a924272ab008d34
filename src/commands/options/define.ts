import { ValidationError } from "../../protocol/errors.js";

/**
 * What checks and converts an option's value: the part of a zod schema that parseOptions uses, so
 * that a zod schema fits and the built-in checks (values.ts) need not load zod.
 */
export interface Check<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };
}

/** The hint of a usage error in a command's options (not in an event's fields). */
export const OPTIONS_HINT = "See --help for the options.";

/**
 * One command-line option, declared once: commander's flags, the `--help` line, the default and the
 * check of its value all come from here. See docs/contributing-commands.md.
 */
export interface OptionSpec<T = unknown> {
  /** As commander writes them: `--port <port>`, `-m, --message <text>`, `--json`, `--no-events`. */
  readonly flags: string;
  readonly description: string;
  /**
   * Checks and converts what commander gives (a string, or true/false for a switch). Messages leave
   * out the flag, which is put in front: "must be a whole number" reads "--port must be a whole number".
   */
  readonly schema: Check<T>;
  /** The value when the option is not given; shown in `--help` as `(default: …)` unless a switch. */
  readonly default?: T;
  /** How the default reads in `--help` when it is not a plain value, e.g. `SUPERVISOR_URL, else …`. */
  readonly defaultText?: string;
  /** The values allowed, listed in `--help` (the schema enforces them). */
  readonly choices?: readonly string[];
  /** Also accept `--no-<name>` (the value becomes false), with this `--help` line. */
  readonly negation?: string;
  /** Other spellings accepted but not shown in `--help`, e.g. `--listen <port>` for tap's `--port`. */
  readonly aliases?: readonly string[];
  /** May be given more than once (`-d A=1 -d B=2`): the schema then sees the array of values. */
  readonly repeatable?: boolean;
}

/** The options of one command, by the attribute name commander gives them (`--delay-ms` -> `delayMs`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>;

type ValueOf<S> = S extends { default: infer T } ? T : S extends OptionSpec<infer T> ? T | undefined : never;

/** The parsed options of a command: each value checked, converted and defaulted. */
export type OptionValues<S extends OptionSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** Declares an option; with a `default`, its parsed value is never undefined. */
export function option<T>(spec: OptionSpec<T> & { default: T }): OptionSpec<T> & { default: T };
export function option<T>(spec: OptionSpec<T>): OptionSpec<T>;
export function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}

/** The long flag of a flags string: `-m, --message <text>` -> `--message`. */
export function longFlag(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags;
}

/** The text after the description in `--help`: choices and default, always in this one form. */
export function helpDescription(spec: OptionSpec): string {
  const shown =
    spec.defaultText ??
    (spec.default === undefined || typeof spec.default === "boolean" ? undefined : String(spec.default));
  const notes = [
    ...(spec.choices ? [`choices: ${spec.choices.join(", ")}`] : []),
    ...(shown === undefined ? [] : [`default: ${shown}`]),
  ];
  return notes.length === 0 ? spec.description : `${spec.description} (${notes.join("; ")})`;
}

/** The short and long flag of a flags string, as commander splits it: `-m, --message <text>`. */
export function flagNames(flags: string): { short?: string; long?: string } {
  const parts = flags.split(/[ |,]+/);
  const short = /^-[^-]$/.test(parts[0] ?? "") ? parts.shift() : undefined;
  const long = /^--[^-]/.test(parts[0] ?? "") ? parts.shift() : undefined;
  return { short, long };
}

/**
 * The attribute commander stores a flag's value under: `--delay-ms <ms>` -> `delayMs`, `--no-events`
 * -> `events` (its Option's attributeName(), without loading commander).
 */
export function attributeName(flags: string): string {
  const { short, long } = flagNames(flags);
  const name = long ? long.replace(/^--(no-)?/, "") : (short ?? flags).replace(/^-/, "");
  return name.split("-").reduce((camel, word) => camel + (word[0] ?? "").toUpperCase() + word.slice(1));
}

/**
 * Checks and converts commander's raw values: every bad option is named in one ValidationError
 * (exit 2, hint "See --help"). `what` names the set, e.g. "tap options".
 */
export function parseOptions<S extends OptionSpecs>(
  specs: S,
  raw: Record<string, unknown>,
  what: string,
  hint: string = OPTIONS_HINT,
): OptionValues<S> {
  const issues: { field: string; message: string }[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const typed = [
      { flag: longFlag(spec.flags), value: raw[key] },
      ...(spec.aliases ?? []).map((alias) => ({ flag: longFlag(alias), value: raw[attributeName(alias)] })),
    ].filter((given) => given.value !== undefined);
    const [first, second] = typed;
    if (first && second) {
      issues.push({
        field: first.flag,
        message: `${first.flag} and ${second.flag} are the same option: give one`,
      });
      continue;
    }
    if (!first) {
      values[key] = spec.default;
      continue;
    }
    const parsed = spec.schema.safeParse(first.value);
    if (parsed.success) values[key] = parsed.data;
    else
      issues.push({
        field: first.flag,
        message: `${first.flag} ${parsed.error.issues[0]?.message ?? "is invalid"}`,
      });
  }
  if (issues.length > 0) throw new ValidationError(what, issues, hint);
  return values as OptionValues<S>;
}

/** Whether the user typed the option (or one of its aliases), whatever its default. */
export function given(spec: OptionSpec, key: string, raw: Record<string, unknown>): boolean {
  return (
    raw[key] !== undefined || (spec.aliases ?? []).some((alias) => raw[attributeName(alias)] !== undefined)
  );
}
