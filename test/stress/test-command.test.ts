// The CLI runs of xswarm-dev test that take several processes each; the in-process tests of the same
// behaviour (test/scenario/) are in `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenarioFile } from "../../src/scenario/parse.js";
import { runScenarios } from "../../src/scenario/runner.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { Peer } from "../helpers/ws-peer.js";

const EXAMPLES = join(import.meta.dirname, "../../examples/scenarios");
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

describe("xswarm-dev test (CLI: reporters, --generate, --watch, the examples)", () => {
  it("runs the examples/scenarios folder against --embedded --responder echo", async () => {
    const result = await runCli(["test", EXAMPLES, "--embedded", "--responder", "echo"]);
    expect(result.stdout).toContain("✓ SMS gets an answer");
    expect(result.stdout).toMatch(/Scenarios {2}4 passed \(4\)/);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(PASSED);
  });

  it("--reporter junit --output writes JUnit XML a real parser reads; the terminal still shows progress", async () => {
    const cwd = dirWith({ "fail.yaml": FAILING, "pass.yaml": PASSING });
    const result = await runCli(
      [
        "test",
        ".",
        "--url",
        supervisor.url,
        "--token",
        TOKEN,
        "--reporter",
        "junit",
        "--output",
        "out/results.xml",
      ],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✖ wrong expectations");
    const xml = readFileSync(join(cwd, "out/results.xml"), "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: "2", failures: "1", errors: "0" });
    const suites = doc.testsuites.testsuite as { name: string; testcase: Record<string, unknown> }[];
    expect(suites.map((s) => s.name)).toEqual(["fail.yaml", "pass.yaml"]);
    expect(suites[0]?.testcase).toMatchObject({ name: "wrong expectations", classname: "fail.yaml" });
    expect((suites[0]?.testcase.failure as Record<string, string> | undefined)?.message).toBe(
      "step 2 send_sms (fail.yaml:5): the reply does not match the expectation",
    );
  });

  it("--json prints one document; --reporter tap prints TAP on stdout and progress on stderr", async () => {
    const cwd = dirWith({ "fail.yaml": FAILING });
    const json = await runCli(["test", "fail.yaml", "--url", supervisor.url, "--token", TOKEN, "--json"], {
      cwd,
    });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, failed: 1, passed: 0, error: { code: "scenario_failed" } });
    expect(doc.scenarios[0].failure).toMatchObject({ step: 2, line: 5, action: "send_sms" });
    expect(json.stderr).toContain("✖ wrong expectations");
    const tap = await runCli(
      ["test", "fail.yaml", "--url", supervisor.url, "--token", TOKEN, "--reporter", "tap"],
      { cwd },
    );
    expect(tap.code).toBe(1);
    expect(tap.stdout.split("\n").slice(0, 3)).toEqual([
      "TAP version 14",
      "1..1",
      "not ok 1 - wrong expectations",
    ]);
    expect(tap.stderr).toContain("✖ wrong expectations");
  });

  it("--generate turns a real supervisor --record file into a scenario that passes", async () => {
    const cwd = tempDir();
    const record = join(cwd, "traffic.jsonl");
    const recording = await startSupervisor({
      port: 0,
      token: TOKEN,
      responder: "echo",
      logFile: null,
      record,
    });
    const a = await Peer.authed(recording.url, TOKEN);
    expect((await a.request({ type: "ping" })).type).toBe("pong");
    await a.request({
      type: "sms_received",
      from: "+15551234567",
      to: "+15557654321",
      user: "alice",
      message: "Hello boss",
    });
    await a.request({
      type: "email_received",
      from: "bob@example.com",
      to: "boss@example.com",
      subject: "Hi",
      body: "Free at 3?",
      user: "bob",
    });
    await a.request('{"type":"ping",');
    const b = await Peer.open(recording.url);
    await b.request({ type: "sms_received", from: "+1", to: "+2", user: "eve", message: "sneaky" });
    await b.request({ type: "auth", token: "wrong-token" });
    await Promise.all([a.close(), b.close()]);
    await recording.close();
    expect(readFileSync(record, "utf8")).not.toContain(TOKEN);

    const generated = await runCli(["test", "--generate", "traffic.jsonl"], { cwd });
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    expect(generated.stdout).not.toMatch(/^\s*timestamp:/m);
    expect(generated.stdout).toContain("send_sms:");
    writeFileSync(join(cwd, "recorded.yaml"), generated.stdout);
    const replay = await runCli(["test", "recorded.yaml", "--embedded", "--responder", "echo"], { cwd });
    expect(replay.stdout).toMatch(/✓ recorded session/);
    expect(replay.code).toBe(0);
    // The expectations are real: against the ack responder the echoed replies do not come.
    const ack = await startSupervisor({ port: 0, token: TOKEN, responder: "ack", logFile: null });
    try {
      const scenarios = parseScenarioFile(generated.stdout, "recorded.yaml");
      const other = await runScenarios(scenarios, { url: ack.url, token: TOKEN, timeoutMs: 2000 });
      expect(other.scenarios[0]?.failure).toMatchObject({ step: 2, action: "send_sms" });
    } finally {
      await ack.close();
    }
  });

  it("--watch runs again when a scenario file changes", async () => {
    const cwd = dirWith({ "s.yaml": PASSING });
    const { spawn } = await import("node:child_process");
    const { BIN } = await import("../helpers/run-cli.js");
    const child = spawn(process.execPath, [BIN, "test", "s.yaml", "--embedded", "--watch"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: cwd },
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await expect.poll(() => out, { timeout: 15_000 }).toContain("for changes");
      expect(out).toContain("✓ ping works");
      writeFileSync(join(cwd, "s.yaml"), FAILING.replace("wrong expectations", "now failing"));
      await expect
        .poll(() => out, { timeout: 15_000 })
        .toMatch(/s\.yaml changed: running again[\s\S]*✖ now failing[\s\S]*for changes/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
