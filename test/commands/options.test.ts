import { Command } from "commander";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { option, parseOptions } from "../../src/commands/options/define.js";
import { port, text } from "../../src/commands/options/values.js";
import { addOptions } from "../../src/commands/program.js";
import { ValidationError } from "../../src/protocol/errors.js";
import { commandHelps } from "../helpers/help-text.js";
import { thrown } from "../helpers/thrown.js";

const SPECS = {
  port: option({
    flags: "--port <port>",
    description: "a port",
    schema: port(),
    default: 9,
    aliases: ["--listen <port>"],
  }),
  name: option({ flags: "--name <name>", description: "a name", schema: text() }),
} as const;

function parse(argv: string[]): Record<string, unknown> {
  const command = addOptions(new Command("t").exitOverride(), SPECS);
  command.parse(argv, { from: "user" });
  return command.opts();
}

describe("an option declared once", () => {
  it("parses, converts and defaults from the one declaration", () => {
    const values = parseOptions(SPECS, parse(["--port", "80"]), "t options");
    expect(values).toEqual({ port: 80, name: undefined });
    expect(parseOptions(SPECS, parse([]), "t options").port).toBe(9);
  });

  it("accepts an alias and names the flag as typed in an error", () => {
    expect(parseOptions(SPECS, parse(["--listen", "81"]), "t options").port).toBe(81);
    const error = thrown(ValidationError, () =>
      parseOptions(SPECS, parse(["--listen", "x", "--name", " "]), "t options"),
    );
    expect(error.message).toBe(
      "Invalid t options: --listen must be a whole number from 0 to 65535; --name must not be empty",
    );
    expect(error.hint).toBe("See --help for the options.");
    expect(error.field).toBe("--listen");
    const twice = thrown(ValidationError, () =>
      parseOptions(SPECS, parse(["--listen", "1", "--port", "2"]), "t"),
    );
    expect(twice.message).toContain("--port and --listen are the same option: give one");
  });

  it("refuses a declaration whose key is not commander's name for the flag", () => {
    const wrong = { delay: option({ flags: "--delay-ms <ms>", description: "d", schema: z.string() }) };
    expect(() => addOptions(new Command("t"), wrong)).toThrow(
      /declared as "delay", commander calls it "delayMs"/,
    );
  });

  it("shows defaults one way in every command's --help: (default: x)", async () => {
    for (const [name, help] of await commandHelps()) {
      const options = help.split("\nOptions:\n")[1]?.split("\n\n")[0] ?? "";
      expect(options, name).not.toMatch(/\(default [^:]|\(default: "|default \d/);
      expect(options, name).not.toMatch(/\(choices: "/);
    }
  });
});
