import type { Command } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import type { AnyCommandDefinition, CommandLine } from "../../src/commands/define-command.js";
import { attributeName, flagNames, longFlag } from "../../src/commands/options/define.js";
import { plainLine } from "../../src/commands/plain-line.js";
import { COMMANDS } from "../../src/commands/table.js";

const DEFINED = await Promise.all(COMMANDS.flatMap((entry) => ("define" in entry ? [entry.define()] : [])));

/** What commander hands the command's action for `args`, or the error it stops with. */
async function commanderLine(definition: AnyCommandDefinition, args: string[]): Promise<CommandLine | Error> {
  const program = await buildProgram(new Set([definition.name]));
  const command = program.commands.find((c) => c.name() === definition.name) as Command;
  let line: CommandLine | undefined;
  const quiet = { writeOut: () => {}, writeErr: () => {} };
  program.configureOutput(quiet);
  command.configureOutput(quiet).action((...received: unknown[]) => {
    line = { args: received.slice(0, -2), raw: { ...(received.at(-2) as Record<string, unknown>) } };
  });
  try {
    await program.parseAsync(["node", "xswarm-dev", definition.name, ...args]);
  } catch (error) {
    return error as Error;
  }
  return line ?? new Error("no action");
}

/** Every spelling of the command's flags, and whether it takes a value. */
function spellings(definition: AnyCommandDefinition): [string, boolean][] {
  return Object.values(definition.options).flatMap((spec) => [
    ...Object.values(flagNames(spec.flags))
      .filter((f): f is string => f !== undefined)
      .map((f): [string, boolean] => [f, spec.flags.includes("<")]),
    ...(spec.negation ? [[`--no-${longFlag(spec.flags).slice(2)}`, false] as [string, boolean]] : []),
    ...(spec.aliases ?? []).map((alias): [string, boolean] => [longFlag(alias), alias.includes("<")]),
  ]);
}

describe("a plain command line, parsed without commander", () => {
  it("gives what commander gives, for typical lines", async () => {
    const sms = DEFINED.find((d) => d.name === "send-sms") as AnyCommandDefinition;
    const lines = [
      ["bench", "--from", "+15551234567", "--to", "+15557654321", "--user", "bench", "--url", "ws://x"],
      ["-m", "hi", "--json", "--verbose"],
      ["-", "--count=5", "--rate", "2.5", "--reconnect"],
      ["hi", "-d", "A=1", "--data", "B=2", "--data=C=3"],
      ["--message=", "--from", ""],
      [],
    ];
    for (const args of lines) {
      const line = plainLine(sms, args);
      expect(line, args.join(" ")).toBeDefined();
      expect(line).toEqual(await commanderLine(sms, args));
    }
  });

  it("leaves to commander what is not plain", () => {
    const sms = DEFINED.find((d) => d.name === "send-sms") as AnyCommandDefinition;
    for (const args of [
      ["--help"],
      ["hi", "-h"],
      ["-V"],
      ["--bogus"],
      ["--fro", "x"],
      ["--json=true"],
      ["-mhi"],
      ["-d=A=1"],
      ["--", "hi"],
      ["--from", "-5"],
      ["--from", "-V"],
      ["--from"],
      ["one", "two"],
    ])
      expect(plainLine(sms, args), args.join(" ")).toBeUndefined();
  });

  it("sets a --no-x alone to true by default, as commander does", async () => {
    const doctor = DEFINED.find((d) => d.name === "doctor") as AnyCommandDefinition;
    expect(plainLine(doctor, [])?.raw).toEqual({ events: true });
    expect(plainLine(doctor, ["--no-events"])?.raw).toEqual({ events: false });
    expect(plainLine(doctor, [])).toEqual(await commanderLine(doctor, []));
  });

  it("names every flag as commander does", async () => {
    for (const definition of DEFINED) {
      const command = (await buildProgram(new Set([definition.name]))).commands.find(
        (c) => c.name() === definition.name,
      ) as Command;
      for (const option of command.options) {
        expect(attributeName(option.flags)).toBe(option.attributeName());
        expect(flagNames(option.flags)).toEqual({ short: option.short, long: option.long });
      }
    }
  });

  it("never gives a line commander would parse otherwise, or refuse", async () => {
    const tricky = ["-", "", "-5", "-V", "--help", "--", "=", "-x"];
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("x", "a b", "A=1", "ws://127.0.0.1:1", "12") },
      { weight: 1, arbitrary: fc.constantFrom(...tricky) },
    );
    for (const definition of DEFINED) {
      const flags = spellings(definition);
      // Mostly well-formed pieces (a flag and its value, `--flag=value`, an argument), some not.
      const piece: fc.Arbitrary<string[]> = fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .constantFrom(...flags)
            .chain(
              ([flag, takes]): fc.Arbitrary<string[]> =>
                takes ? value.map((v) => [flag, v]) : fc.constant([flag]),
            ),
        },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...flags), value).map(([[f], v]) => [`${f}=${v}`]) },
        { weight: 2, arbitrary: value.map((v) => [v]) },
        { weight: 1, arbitrary: fc.constantFrom(...flags).map(([f]) => [f]) },
        { weight: 1, arbitrary: fc.string({ maxLength: 4 }).map((w) => [w]) },
      );
      let plain = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(piece, { maxLength: 5 }), async (pieces) => {
          const args = pieces.flat();
          const line = plainLine(definition, args);
          if (line === undefined) return;
          plain += 1;
          expect(line).toEqual(await commanderLine(definition, args));
        }),
        { numRuns: 200 },
      );
      // The property is about plain lines: enough of them must have been tried.
      expect(plain, definition.name).toBeGreaterThan(40);
    }
  });
});
