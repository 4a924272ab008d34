import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { programHelp } from "../../src/commands/program-help.js";

/** commander's `--help` of the program, laid out for a help width of `width`. */
async function commanderHelp(width: number | undefined): Promise<string> {
  const program = await buildProgram(new Set());
  let text = "";
  program.configureOutput({
    writeOut: (s) => {
      text += s;
    },
    getOutHelpWidth: () => width as number,
  });
  program.outputHelp();
  return text;
}

describe("the program's --help, laid out without commander", () => {
  it("is commander's text at every width", async () => {
    for (const width of [undefined, 0, 20, 39, 40, 60, 79, 80, 81, 100, 120, 200])
      expect(programHelp(width), `width ${width}`).toBe(await commanderHelp(width));
  });
});
