import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateScenario, readRecording } from "../../src/scenario/generate.js";
import { loadScenarios } from "../../src/scenario/load.js";
import { parseScenarioFile } from "../../src/scenario/parse.js";
import { runScenarios } from "../../src/scenario/runner.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import { tempDir } from "../helpers/run-cli.js";
import { recordSession, sharedEchoSupervisor } from "../helpers/scenario-fixtures.js";

const ROOT = join(import.meta.dirname, "../..");
const TOKEN = "examples-test-token";
const echo = sharedEchoSupervisor(TOKEN);

describe("examples/", () => {
  it("every scenario in examples/scenarios passes against the echo responder", async () => {
    const scenarios = loadScenarios(["examples/scenarios"], ROOT);
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
    const result = await runScenarios(scenarios, { url: echo().url, token: TOKEN, timeoutMs: 3000 });
    expect(result.scenarios.filter((s) => s.status !== "passed")).toEqual([]);
  });

  it("the example recording generates a scenario that passes", async () => {
    const file = "examples/recordings/session.jsonl";
    const yaml = generateScenario(readRecording(readFileSync(join(ROOT, file), "utf8"), file), file);
    const result = await runScenarios(parseScenarioFile(yaml, "generated.yaml"), {
      url: echo().url,
      token: TOKEN,
      timeoutMs: 3000,
    });
    expect(result.scenarios[0]?.failure).toBeUndefined();
    expect(result.passed).toBe(1);
  });
});

describe("--generate on a real recording", () => {
  it("round-trips: a supervisor --record session replays to a passing run, and its expectations bite", async () => {
    const record = join(tempDir(), "traffic.jsonl");
    const { text } = await recordSession(TOKEN, record);
    expect(text).not.toContain(TOKEN);

    const yaml = generateScenario(readRecording(text, "traffic.jsonl"), "traffic.jsonl");
    expect(yaml).not.toMatch(/^\s*timestamp:/m);
    const [scenario] = parseScenarioFile(yaml, "recorded.yaml");
    expect(scenario?.clients).toEqual({ c1: {}, c2: { auth: false } });
    expect(scenario?.steps.map((s) => [s.client, s.action, (s.expect?.type as string) ?? ""])).toEqual([
      ["c1", "send", "pong"],
      ["c1", "send_sms", "send_sms_response"],
      ["c1", "send_email", "send_email_response"],
      ["c1", "send", "error"],
      ["c2", "send_sms", "error"],
      ["c2", "auth", "auth_result"],
    ]);
    const replay = await runScenarios([scenario as NonNullable<typeof scenario>], {
      url: echo().url,
      token: TOKEN,
      timeoutMs: 3000,
    });
    expect(replay.scenarios[0]?.failure).toBeUndefined();

    const ack = await startSupervisor({ port: 0, token: TOKEN, responder: "ack", logFile: null });
    try {
      const other = await runScenarios(parseScenarioFile(yaml, "recorded.yaml"), {
        url: ack.url,
        token: TOKEN,
        timeoutMs: 3000,
      });
      expect(other.scenarios[0]?.failure).toMatchObject({ step: 2, action: "send_sms", client: "c1" });
    } finally {
      await ack.close();
    }
  });
});
