import { describe, expect, it } from "vitest";
import { ScenarioFileError } from "../../src/scenario/errors.js";
import { generateScenario, readRecording } from "../../src/scenario/generate.js";
import { parseScenarioFile } from "../../src/scenario/parse.js";

const line = (entry: Record<string, unknown>) =>
  JSON.stringify({ connection_id: "c1", time: "2026-01-01T00:00:00.000Z", ...entry });

describe("generateScenario", () => {
  it("leaves out monitor connections, timestamps and ids; a single connection needs no client names", () => {
    const text = [
      line({ seq: 1, direction: "in", frame: { type: "auth", token: "dev-…345" } }),
      line({
        seq: 2,
        direction: "out",
        frame: { type: "auth_result", success: true, message: "Authenticated successfully" },
        reply_to: 1,
      }),
      line({
        seq: 3,
        direction: "in",
        frame: { type: "sms_received", from: "+1", to: "+2", user: "u", message: "m" },
      }),
      line({
        seq: 4,
        direction: "out",
        frame: { type: "message_acknowledged", message_type: "sms", user: "u", timestamp: "x" },
        reply_to: 3,
      }),
      line({
        seq: 5,
        direction: "out",
        frame: { type: "reminder_sent", reminder_id: "r", method: "sms", timestamp: "x" },
      }),
      line({ seq: 6, connection_id: "c9", direction: "in", frame: { type: "monitor" } }),
    ].join("\n");
    const yaml = generateScenario(readRecording(text, "r.jsonl"), "r.jsonl");
    expect(yaml).toContain("# 1 broadcast was recorded but not expected");
    const [scenario] = parseScenarioFile(yaml, "g.yaml");
    expect(scenario?.clients).toEqual({});
    expect(scenario?.steps.map((s) => [s.action, s.client, s.expect])).toEqual([
      ["send_sms", "default", { type: "message_acknowledged", message_type: "sms", user: "u" }],
    ]);
  });

  it("ignores connect and disconnect entries, also of a connection that sent nothing", () => {
    const text = [
      line({ seq: 1, direction: "in", frame: null, event: "open", address: "127.0.0.1:5000" }),
      line({ seq: 2, direction: "in", frame: { type: "ping" } }),
      line({ seq: 3, direction: "out", frame: { type: "pong" }, reply_to: 2 }),
      line({ seq: 4, connection_id: "c2", direction: "in", frame: null, event: "open" }),
      line({ seq: 5, connection_id: "c2", direction: "in", frame: null, event: "close", close_code: 1000 }),
      line({ seq: 6, direction: "in", frame: null, event: "close", close_code: 1006, duration_ms: 9 }),
    ].join("\n");
    const yaml = generateScenario(readRecording(text, "r.jsonl"), "r.jsonl");
    expect(yaml).toContain("# 1 step from 1 connection;");
    const [scenario] = parseScenarioFile(yaml, "g.yaml");
    expect(scenario?.steps.map((s) => [s.action, s.client, s.expect?.type])).toEqual([
      ["send", "default", "pong"],
    ]);
  });

  it("a bad line is a file:line error", () => {
    const text = `${line({ seq: 1, direction: "in", frame: { type: "ping" } })}\nnot json\n${JSON.stringify({ seq: "x" })}\n`;
    try {
      readRecording(text, "r.jsonl");
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioFileError);
      expect((error as ScenarioFileError).issues.map((i) => `${i.line} ${i.message}`)).toEqual([
        "2 is not JSON (a record file has one traffic entry per line)",
        expect.stringMatching(/^3 /),
      ]);
    }
  });
});
