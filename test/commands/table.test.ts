import { Help } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { loadCommand } from "../../src/commands/program.js";
import { COMMANDS, commandsNeeded } from "../../src/commands/table.js";
import { helpOf } from "../helpers/help-text.js";

describe("the command table", () => {
  it("says of each command what its definition says: name, term and description", async () => {
    for (const entry of COMMANDS) {
      const command = await loadCommand(entry);
      expect(command.name()).toBe(entry.name);
      expect(new Help().subcommandTerm(command)).toBe(entry.term);
      expect(command.description()).toBe(entry.description);
    }
  });

  it("gives the same top-level --help with stand-ins as with every definition loaded", async () => {
    expect(helpOf(await buildProgram(new Set()))).toBe(helpOf(await buildProgram()));
  });

  it("loads the commands named in the arguments, and all of them for completion", () => {
    expect([...commandsNeeded(["--help"])]).toEqual([]);
    expect([...commandsNeeded(["send-sms", "hi", "--json"])]).toEqual(["send-sms"]);
    expect([...commandsNeeded(["help", "doctor"])]).toEqual(["doctor"]);
    expect(commandsNeeded(["completion", "bash"]).size).toBe(COMMANDS.length);
  });
});
