import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the xswarm-dev program", () => {
  it("lists every command, examples and the exit codes in --help", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["supervisor", "tap", "send-sms", "send-email", "doctor", "watch"])
      expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("5  timed out waiting for the reply");
  });

  it("prints its version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it("exits 2 on a usage error, with one JSON document on stdout under --json", async () => {
    const { code, stdout, stderr } = await runCli(["send-sms", "hi", "--json", "--bogus"]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: "invalid_input", message: "unknown option '--bogus'" },
    });
    expect(stderr).toContain("unknown option '--bogus'");
  });

  it("exits 2 on an unknown command, without a stack trace", async () => {
    const { code, stderr } = await runCli(["send-fax"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'send-fax'");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
