import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { runCli, tempDir } from "../helpers/run-cli.js";

const PASSED = "✨ All tests passed! Supervisor integration is working.";
const TOKEN = "e2e-scenario-token";

const FAILING = `name: wrong expectations
steps:
  - send: { type: ping }
    expect: { type: pong }
  - send_sms: { from: "+15551234567", to: "+15557654321", user: alice, message: "Hello boss" }
    expect:
      type: send_sms_response
      user: bob
      message: { contains: "Bye" }
`;
const PASSING = `name: ping works\nsteps:\n  - send: { type: ping }\n    expect: { type: pong }\n`;

function dirWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

let supervisor: SupervisorHandle;
beforeAll(async () => {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, responder: "echo", logFile: null });
});
afterAll(() => supervisor.close());

describe("xswarm-dev test", () => {
  it("with no file runs the built-in suite against --embedded and ends with the guide's words", async () => {
    const result = await runCli(["test", "--embedded"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const name of [
      "a wrong token is refused",
      "ping gets pong",
      "SMS gets an answer",
      "email gets an answer",
      "not authenticated",
      "a malformed frame",
      "20 concurrent SMS",
    ])
      expect(result.stdout).toMatch(new RegExp(`✓ ${name}`));
    expect(result.stdout).toMatch(/Scenarios {2}8 passed \(8\)\n\s+Time {2}\d+\.\d\d s/);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(PASSED);
  });

  it("a failing scenario exits 1 with the step and a diff of expected and received", async () => {
    const cwd = dirWith({ "fail.yaml": FAILING, "pass.yaml": PASSING });
    const result = await runCli(["test", ".", "--url", supervisor.url, "--token", TOKEN], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✖ wrong expectations");
    expect(result.stdout).toContain(
      "step 2 send_sms (fail.yaml:5): the reply does not match the expectation",
    );
    expect(result.stdout).toMatch(
      /- Expected\n\s+\+ Received\n\n\s+ {2}type: "send_sms_response"\n\s+- user: "bob"\n\s+\+ user: "alice"\n\s+- message: contains "Bye"\n\s+\+ message: "Echo/,
    );
    expect(result.stdout).toContain("✓ ping works");
    expect(result.stdout).toMatch(/Scenarios {2}1 failed \| 1 passed \(2\)/);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("an invalid file exits 2 with file:line and field, before connecting", async () => {
    const cwd = dirWith({
      "bad.yaml": "name: bad\nsteps:\n  - send_sms: { from: a, to: b, user: c }\n  - wait_ms: -1\n",
    });
    // Nothing listens at this URL: the files are checked first.
    const result = await runCli(["test", "bad.yaml", "--url", "ws://127.0.0.1:1"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yaml:3: steps.0.send_sms.message: is missing (expected a string)");
    expect(result.stderr).toContain("bad.yaml:4: steps.1.wait_ms: must be 0 or more");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(["test", "nowhere.yaml", "--embedded", "--json"], { cwd });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error).toMatchObject({
      code: "invalid_scenario",
      message: "Invalid scenario: nowhere.yaml: no such file or folder",
    });
  });

  it("exits 3 when the supervisor cannot be reached and 4 when it refuses the token", async () => {
    const refused = await runCli(["test", "--url", "ws://127.0.0.1:1"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("Connection refused");
    const wrong = await runCli(["test", "--url", supervisor.url, "--token", "not-the-token"]);
    expect(wrong.code).toBe(4);
    expect(wrong.stdout).toBe("");
  });
});
