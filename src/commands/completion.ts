import { exitCodesHelp } from "../errors.js";
import { completionScript, SHELLS, type Shell } from "./completion-scripts.js";
import { programSpec } from "./completion-spec.js";
import { Argument, Command } from "./program.js";
import { guardStdout } from "./stdout.js";

const EXAMPLES = `
Examples:
  $ source <(xswarm-dev completion bash)     this bash session
  $ mkdir -p ~/.local/share/bash-completion/completions && xswarm-dev completion bash > ~/.local/share/bash-completion/completions/xswarm-dev
  $ mkdir -p ~/.zfunc && xswarm-dev completion zsh > ~/.zfunc/_xswarm-dev     then fpath+=~/.zfunc in ~/.zshrc
  $ mkdir -p ~/.config/fish/completions && xswarm-dev completion fish > ~/.config/fish/completions/xswarm-dev.fish

Completes commands, flags, responder names and file paths.`;

/** `xswarm-dev completion <shell>`: prints a completion script derived from the program itself. */
export function completionCommand(): Command {
  return new Command("completion")
    .description("Print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(SHELLS))
    .addHelpText(
      "after",
      `${EXAMPLES}\n${exitCodesHelp({ ok: "printed the script", usage: "a shell other than bash, zsh or fish" })}`,
    )
    .action((shell: Shell, _flags: unknown, command: Command) => {
      const program = command.parent ?? command;
      guardStdout();
      process.stdout.write(completionScript(shell, programSpec(program)));
    });
}
