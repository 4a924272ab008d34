import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ERROR_CODES, exitCodeOf, isErrorCode } from "../../src/errors.js";
import { runCli } from "../helpers/run-cli.js";
import { closedPort } from "./send-fixtures.js";

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

  it("--json errors carry a code of the error table, and the exit code is that code's", async () => {
    const numbers = ["--from", "+15551234567", "--to", "+15557654321", "--user", "a"];
    const url = `ws://127.0.0.1:${await closedPort()}`;
    const runs = await Promise.all([
      runCli(["send-sms", "hi", "--json", "--bogus"]),
      runCli(["send-sms", "hi", ...numbers, "--count", "many", "--json"]),
      runCli(["send-sms", "hi", ...numbers, "--url", url, "--json"]),
    ]);
    const codes = runs.map(({ code, stdout }) => {
      const { error } = JSON.parse(stdout) as { error: { code: string } };
      expect(isErrorCode(error.code), error.code).toBe(true);
      expect(code).toBe(exitCodeOf(error.code as keyof typeof ERROR_CODES));
      return error.code;
    });
    expect(codes).toEqual(["invalid_input", "invalid_input", "connection_refused"]);
  });

  it.each([
    ["send-sms", "--bogus"],
    ["supervisor", "--bogus"],
    ["tap", "--bogus"],
  ])("points at --help after an unknown option, as after an unknown command (%s)", async (command, flag) => {
    const { code, stderr } = await runCli([command, flag]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unknown option '${flag}'\n(add --help for usage)\n`);
  });
});
