import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";

const shell = promisify(execFile);

// commander's output (help, version) is written to stdout's descriptor when stdout is not a terminal
// (src/commands/stdout.ts): the bytes must be those of the stream, to a pipe, a file or /dev/null alike.
describe("commander's output to stdout", () => {
  it("--help to a file is what it is to a pipe", async () => {
    const dir = tempDir();
    const file = join(dir, "help.txt");
    const piped = await runCli(["send-sms", "--help"]);
    await shell("sh", ["-c", `"${process.execPath}" -- "${BIN}" send-sms --help > "${file}"`], { cwd: dir });
    expect(piped.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
  });

  it("--version to /dev/null exits 0 and says nothing on stderr", async () => {
    const { stderr } = await shell("sh", ["-c", `"${process.execPath}" -- "${BIN}" --version > /dev/null`]);
    expect(stderr).toBe("");
  });

  it("--help into a pipe its reader closes at once exits 0 without an error", async () => {
    const { stdout, stderr } = await shell("bash", [
      "-c",
      `set -o pipefail; "${process.execPath}" -- "${BIN}" --help | true; echo "exit $?"`,
    ]);
    expect(stdout).toBe("exit 0\n");
    expect(stderr).toBe("");
  });
});
