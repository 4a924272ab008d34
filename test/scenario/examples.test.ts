import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateScenario, readRecording } from "../../src/scenario/generate.js";
import { loadScenarios } from "../../src/scenario/load.js";
import { parseScenarioFile } from "../../src/scenario/parse.js";
import { runScenarios } from "../../src/scenario/runner.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { tempDir } from "../helpers/run-cli.js";
import { Peer } from "../helpers/ws-peer.js";

const ROOT = join(import.meta.dirname, "../..");
const TOKEN = "examples-test-token";
let echo: SupervisorHandle;

beforeAll(async () => {
  echo = await startSupervisor({ port: 0, token: TOKEN, responder: "echo", logFile: null });
});
afterAll(() => echo.close());

describe("examples/", () => {
  it("every scenario in examples/scenarios passes against the echo responder", async () => {
    const scenarios = loadScenarios(["examples/scenarios"], ROOT);
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
    const result = await runScenarios(scenarios, { url: echo.url, token: TOKEN, timeoutMs: 3000 });
    expect(result.scenarios.filter((s) => s.status !== "passed")).toEqual([]);
  });

  it("the example recording generates a scenario that passes", async () => {
    const file = "examples/recordings/session.jsonl";
    const yaml = generateScenario(readRecording(readFileSync(join(ROOT, file), "utf8"), file), file);
    const result = await runScenarios(parseScenarioFile(yaml, "generated.yaml"), {
      url: echo.url,
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
    const recording = await startSupervisor({
      port: 0,
      token: TOKEN,
      responder: "echo",
      logFile: null,
      record,
    });
    const a = await Peer.authed(recording.url, TOKEN);
    await a.request({ type: "ping" });
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
    const text = readFileSync(record, "utf8");
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
      url: echo.url,
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
