import { describe, expect, it } from "vitest";
import { ScenarioFileError } from "../../src/scenario/errors.js";
import { parseScenarioFile } from "../../src/scenario/parse.js";

/** The issues a file gives, as `line field: message` strings. */
function issues(text: string, file = "s.yaml"): string[] {
  try {
    parseScenarioFile(text, file);
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    expect(error.code).toBe("invalid_scenario");
    return error.issues.map((i) => `${i.file}:${i.line} ${i.field}: ${i.message}`);
  }
  throw new Error("the file was accepted");
}

// The issue's example, verbatim: files written today must keep working.
const ISSUE_EXAMPLE = `name: SMS gets an answer
steps:
  - send_sms: { from: "+15551234567", to: "+15557654321", user: alice, message: "Hello boss" }
    expect:
      type: [message_acknowledged, send_sms_response]   # one of
      user: alice
      message: { contains: "Hello" }                   # also: equals, matches (regex), absent
      within_ms: 2000
  - send_email: { from: bob@example.com, to: boss@example.com, subject: Hi, body: "Free at 3?", user: bob }
    expect: { type: message_acknowledged, message_type: email }
  - send: { type: ping }                               # any raw message
    expect: { type: pong }
  - expect_broadcast: { type: reminder_sent, within_ms: 5000 }
  - wait_ms: 200
`;

describe("parseScenarioFile", () => {
  it("reads the issue's example: every step, with its line", () => {
    const [scenario] = parseScenarioFile(ISSUE_EXAMPLE, "issue.yaml");
    expect(scenario?.name).toBe("SMS gets an answer");
    expect(scenario?.auth).toBe(true);
    expect(scenario?.steps.map((s) => [s.action, s.line])).toEqual([
      ["send_sms", 3],
      ["send_email", 9],
      ["send", 11],
      ["expect_broadcast", 13],
      ["wait_ms", 14],
    ]);
    expect(scenario?.steps[0]?.expect).toEqual({
      type: ["message_acknowledged", "send_sms_response"],
      user: "alice",
      message: { contains: "Hello" },
      within_ms: 2000,
    });
    expect(scenario?.steps[0]?.payload).toEqual({
      from: "+15551234567",
      to: "+15557654321",
      user: "alice",
      message: "Hello boss",
    });
    expect(scenario?.steps[4]?.payload).toBe(200);
  });

  it("reads JSON, a scenarios list, a top-level list and several YAML documents", () => {
    const json = JSON.stringify(
      { name: "j", steps: [{ send: { type: "ping" }, expect: { type: "pong" } }] },
      null,
      2,
    );
    expect(parseScenarioFile(json, "s.json").map((s) => s.name)).toEqual(["j"]);
    const one = "- name: a\n  steps: [{ wait_ms: 1 }]\n- name: b\n  steps: [{ wait_ms: 2 }]\n";
    expect(parseScenarioFile(one, "l.yaml").map((s) => s.name)).toEqual(["a", "b"]);
    const list = `scenarios:\n  - name: a\n    steps: [{ wait_ms: 1 }]\n`;
    expect(parseScenarioFile(list, "l.yaml").map((s) => s.name)).toEqual(["a"]);
    const docs = "name: a\nsteps: [{ wait_ms: 1 }]\n---\nname: b\nsteps:\n  - wait_ms: 2\n";
    const read = parseScenarioFile(docs, "d.yaml");
    expect(read.map((s) => [s.name, s.steps[0]?.line])).toEqual([
      ["a", 2],
      ["b", 6],
    ]);
  });

  it("reads auth steps, clients, capture, variables and repeat", () => {
    const text = `name: x
auth: false
clients: { a: {}, b: { token: other } }
steps:
  - client: a
    auth: {}
  - client: b
    auth: { token: wrong }
    expect: { type: auth_result, success: false }
  - client: a
    send_sms: { from: "+1", to: "+2", user: u, message: m }
    capture: { reply_to: to }
  - client: a
    send_sms: { from: "\${reply_to}", to: "+2", user: "u\${i}", message: m }
    repeat: 3
    concurrent: true
`;
    const [scenario] = parseScenarioFile(text, "x.yaml");
    expect(scenario?.auth).toBe(false);
    expect(scenario?.clients).toEqual({ a: {}, b: { token: "other" } });
    expect(scenario?.steps.map((s) => [s.action, s.client, s.repeat, s.concurrent])).toEqual([
      ["auth", "a", 1, false],
      ["auth", "b", 1, false],
      ["send_sms", "a", 1, false],
      ["send_sms", "a", 3, true],
    ]);
    expect(scenario?.steps[0]?.payload).toEqual({});
    expect(scenario?.steps[2]?.capture).toEqual({ reply_to: "to" });
  });

  it("names the file, line and field of every problem", () => {
    const text = `name: bad
steps:
  - send_sms: { from: "+1555", to: "+1555", user: alice }
    expect:
      within_ms: -4
      message: { starts: "x" }
      user: { matches: "(" }
  - wait_ms: 1.5
  - bogus: 1
  - send: { type: ping }
    expct: { type: pong }
  - send: { type: ping }
    wait_ms: 3
`;
    expect(issues(text, "bad.yaml")).toEqual([
      "bad.yaml:3 steps.0.send_sms.message: is missing (expected a string)",
      "bad.yaml:5 steps.0.expect.within_ms: must be 0 or more",
      "bad.yaml:6 steps.0.expect.message: must be a value or one of { equals }, { contains }, { matches }, { absent: true } (got starts)",
      expect.stringMatching(
        /^bad\.yaml:7 steps\.0\.expect\.user\.matches: is not a valid regular expression/,
      ),
      "bad.yaml:8 steps.1.wait_ms: must be a whole number of milliseconds",
      "bad.yaml:9 steps.2: needs one of send_sms, send_email, send, auth, expect_broadcast, wait_ms (unknown: bogus)",
      "bad.yaml:11 steps.3.expct: is not a step key (a step has send and may have client, expect, capture, repeat, concurrent)",
      "bad.yaml:12 steps.4: has send and wait_ms: one action per step",
    ]);
  });

  it("refuses a missing name, no steps, a wrong type list and an unknown top-level key", () => {
    expect(issues("steps: []\nextra: 1\n")).toEqual([
      "s.yaml:1 name: is missing (expected a string)",
      "s.yaml:1 steps: must have at least one step",
      "s.yaml:2 extra: is not a known key",
    ]);
    expect(issues("name: t\nsteps:\n  - send: { type: ping }\n    expect: { type: [] }\n")).toEqual([
      "s.yaml:4 steps.0.expect.type: must list at least one type",
    ]);
  });

  it("refuses a variable nobody captured, i outside repeat, and an undeclared client", () => {
    const text = `name: v
clients: { a: {} }
steps:
  - send: { type: ping, note: "\${later}" }
  - send: { type: ping }
    capture: { later: type }
  - client: b
    send_sms: { from: "\${i}", to: "+2", user: u, message: "\${later}" }
`;
    expect(issues(text)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: scenario variables, not a template
      "s.yaml:4 steps.0.send: uses ${later}: no earlier step captures it",
      "s.yaml:7 steps.2.client: names no client of this scenario's clients (default, a)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: scenario variables, not a template
      "s.yaml:8 steps.2.send_sms: uses ${i}: ${i} is the iteration number of a step with repeat: N",
    ]);
  });

  it("gives YAML syntax errors with their line, and an empty file is an error", () => {
    expect(issues("name: x\nsteps:\n  - send: { type: ping\n")).toEqual([
      expect.stringMatching(/^s\.yaml:4 : .*Flow map/),
    ]);
    expect(issues("")).toEqual(["s.yaml:1 : holds no scenario"]);
    expect(issues("name: x\nsteps:\n  - wait_ms: 1\nconcurrent: true\n")[0]).toMatch(
      /^s\.yaml:4 concurrent: is not a known key/,
    );
  });
});
