import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { RESPONDER_NAMES } from "../../src/supervisor/index.js";
import { runCli, tempDir } from "../helpers/run-cli.js";

const dir = tempDir();
const script = join(dir, "xswarm-dev.bash");

/** Sources the bash script in a real bash, sets COMP_WORDS/COMP_CWORD for `line`, and returns COMPREPLY. */
function complete(line: string): string[] {
  const words = line.split(" ");
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "_xswarm_dev",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash expansion
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  const out = execFileSync("bash", ["--norc", "--noprofile", "-c", program], { cwd: dir, encoding: "utf8" });
  return out.split("\n").filter((w) => w !== "");
}

const hasShell = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

describe("xswarm-dev completion bash, sourced in bash", () => {
  beforeAll(async () => {
    const { code, stdout } = await runCli(["completion", "bash"]);
    expect(code).toBe(0);
    writeFileSync(script, stdout);
    writeFileSync(join(dir, "notes.txt"), "body");
    writeFileSync(join(dir, "traffic.jsonl"), "");
  });

  it("completes the commands, from the program itself", async () => {
    const names = (await buildProgram()).commands.map((c) => c.name());
    expect(complete("xswarm-dev ")).toEqual([...names, "help"]);
    expect(complete("xswarm-dev su")).toEqual(["supervisor"]);
    expect(complete("xswarm-dev send-")).toEqual(["send-sms", "send-email"]);
  });

  it("completes each command's flags, as commander declares them", async () => {
    for (const command of (await buildProgram()).commands) {
      const flags = command.options
        .filter((o) => !o.hidden)
        .flatMap((o) => [o.short, o.long])
        .filter((f) => f !== undefined);
      expect(complete(`xswarm-dev ${command.name()} -`), command.name()).toEqual([...flags, "-h", "--help"]);
    }
    expect(complete("xswarm-dev doctor --no")).toEqual(["--no-events"]);
  });

  it("completes responder names after --responder", () => {
    expect(complete("xswarm-dev supervisor --responder ")).toEqual([...RESPONDER_NAMES]);
    expect(complete("xswarm-dev watch --embedded --responder e")).toEqual(["echo"]);
  });

  it("completes file paths after a flag that takes one, and nothing after one that takes a URL", () => {
    expect(complete("xswarm-dev send-email --body-file no")).toEqual(["notes.txt"]);
    expect(complete("xswarm-dev supervisor --record tr")).toEqual(["traffic.jsonl"]);
    expect(complete("xswarm-dev doctor --env-file x")).toEqual(["xswarm-dev.bash"]);
    expect(complete("xswarm-dev send-sms --url ")).toEqual([]);
  });

  it("completes the shells and the commands of help", async () => {
    expect(complete("xswarm-dev completion ")).toEqual(["bash", "zsh", "fish"]);
    expect(complete("xswarm-dev help d")).toEqual(["doctor"]);
  });
});

describe("xswarm-dev completion zsh and fish", () => {
  it.each(["zsh", "fish"])("%s: names every command, the responders and file completion", async (shell) => {
    const { code, stdout } = await runCli(["completion", shell]);
    expect(code).toBe(0);
    for (const command of (await buildProgram()).commands) expect(stdout).toContain(command.name());
    expect(stdout).toContain(
      shell === "zsh" ? `(${RESPONDER_NAMES.join(" ")})` : `-a '${RESPONDER_NAMES.join(" ")}'`,
    );
    expect(stdout).toContain(shell === "zsh" ? ":env-file:_files" : "-l env-file -r -F");
    // The shells are not on every machine: where one is, the script must at least parse.
    if (hasShell(shell)) {
      const file = join(tempDir(), `completion.${shell}`);
      writeFileSync(file, stdout);
      expect(spawnSync(shell, ["-n", file], { encoding: "utf8" }).stderr).toBe("");
    }
  });

  it("refuses another shell with exit 2, naming the choices", async () => {
    const { code, stderr } = await runCli(["completion", "powershell"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bash, zsh, fish/);
  });
});
