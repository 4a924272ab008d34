import type { Command } from "commander";
import { buildProgram } from "../../src/cli.js";

/** What `--help` prints for a command itself (or the program), without spawning the CLI. */
export function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({
    writeOut: (s) => {
      text += s;
    },
  });
  command.outputHelp();
  return text;
}

/** Every command of the program, as `xswarm-dev <name> --help` shows it. */
export async function commandHelps(): Promise<Array<[string, string]>> {
  return (await buildProgram()).commands.map((command) => [command.name(), helpOf(command)]);
}
