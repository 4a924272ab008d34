import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenarios } from "../../src/scenario/builtin.js";
import { parseScenarioFile } from "../../src/scenario/parse.js";
import { runScenarios } from "../../src/scenario/runner.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";

const TOKEN = "scenario-test-token";
let echo: SupervisorHandle;
let slow: SupervisorHandle;
let broadcasting: SupervisorHandle;

beforeAll(async () => {
  echo = await startSupervisor({ port: 0, token: TOKEN, responder: "echo", logFile: null });
  slow = await startSupervisor({ port: 0, token: TOKEN, responder: "ack", delayMs: 300, logFile: null });
  broadcasting = await startSupervisor({
    port: 0,
    token: TOKEN,
    logFile: null,
    broadcastDemo: true,
    limits: { broadcastIntervalMs: 20 },
  });
});
afterAll(async () => {
  await Promise.all([echo.close(), slow.close(), broadcasting.close()]);
});

const run = (yaml: string, url = echo.url, extra: { bail?: boolean; grep?: string } = {}) =>
  runScenarios(parseScenarioFile(yaml, "t.yaml"), { url, token: TOKEN, timeoutMs: 2000, ...extra });

describe("runScenarios against the embedded supervisor", () => {
  it("passes the built-in suite", async () => {
    const result = await runScenarios(builtinScenarios(), { url: echo.url, token: TOKEN, timeoutMs: 2000 });
    expect(result.scenarios.filter((s) => s.status !== "passed")).toEqual([]);
    expect(result.passed).toBe(8);
  });

  it("a passing scenario: every step kind, capture and variables, repeat, two clients", async () => {
    const result = await run(`name: all
clients: { a: {}, b: { auth: false } }
steps:
  - client: a
    send_sms: { from: "+15551234567", to: "+15557654321", user: alice, message: "Hello boss" }
    expect:
      type: [message_acknowledged, send_sms_response]
      user: alice
      message: { contains: "Hello" }
      timestamp: { absent: true }
      within_ms: 2000
    capture: { reply_to: to, said: message }
  - client: a
    send_email: { from: "\${reply_to}", to: boss@example.com, subject: Hi, body: "Free at 3?", user: bob }
    expect: { type: send_email_response, to: "\${reply_to}", subject: "Re: Hi", body: { matches: "Free at 3\\\\?" } }
  - client: b
    send: { type: ping }
    expect: { type: pong }
  - client: b
    send: { type: get_calendar, user_id: u, period: today }
    expect: { type: error, message: Not authenticated }
  - client: b
    auth: { token: wrong }
    expect: { type: auth_result, success: false }
  - client: b
    auth: {}
    expect: { type: auth_result, success: true }
  - client: a
    send_sms: { from: "+1555000\${i}", to: "+2", user: "u\${i}", message: "n\${i}" }
    repeat: 12
    concurrent: true
    expect: { type: send_sms_response, user: "u\${i}", to: "+1555000\${i}" }
  - wait_ms: 10
  - send: '{"type":"ping"'
    expect: { type: error, message: { matches: "^Invalid message format: " } }
`);
    expect(result.scenarios[0]?.failure).toBeUndefined();
    expect(result.scenarios[0]).toMatchObject({ status: "passed", stepsPassed: 9, steps: 9 });
  });

  it("a failing scenario names the step and gives each field's expected and actual value", async () => {
    const result = await run(`name: wrong
steps:
  - send: { type: ping }
    expect: { type: pong }
  - send_sms: { from: "+15551234567", to: "+15557654321", user: alice, message: "Hello boss" }
    expect: { type: send_sms_response, user: bob, message: { contains: "Bye" }, to: "+15551234567" }
  - send: { type: ping }
`);
    expect(result.failed).toBe(1);
    const failure = result.scenarios[0]?.failure;
    expect(failure).toMatchObject({
      step: 2,
      action: "send_sms",
      line: 5,
      message: "the reply does not match the expectation",
    });
    expect(failure?.rows).toEqual([
      { field: "type", expected: '"send_sms_response"', actual: '"send_sms_response"', ok: true },
      { field: "user", expected: '"bob"', actual: '"alice"', ok: false },
      {
        field: "message",
        expected: 'contains "Bye"',
        actual: expect.stringContaining("Hello boss"),
        ok: false,
      },
      { field: "to", expected: '"+15551234567"', actual: '"+15551234567"', ok: true },
    ]);
    expect(result.scenarios[0]?.stepsPassed).toBe(1);
  });

  it("within_ms fails a reply that came too late, and a reply that never comes", async () => {
    const late = await run(
      `name: late\nsteps:\n  - send_sms: { from: "+1", to: "+2", user: u, message: m }\n    expect: { type: message_acknowledged, within_ms: 100 }\n`,
      slow.url,
    );
    expect(late.scenarios[0]?.failure?.message).toBe("no reply within 100 ms");
    const inTime = await run(
      `name: ok\nsteps:\n  - send_sms: { from: "+1", to: "+2", user: u, message: m }\n    expect: { type: message_acknowledged, within_ms: 5000 }\n`,
      slow.url,
    );
    expect(inTime.passed).toBe(1);
  });

  it("expect_broadcast waits for a matching broadcast, and reports the closest miss", async () => {
    const seen = await run(
      `name: b\nsteps:\n  - expect_broadcast: { type: reminder_sent, method: sms, within_ms: 3000 }\n  - expect_broadcast: { type: [user_speech, reminder_due], within_ms: 3000 }\n`,
      broadcasting.url,
    );
    expect(seen.scenarios[0]?.failure).toBeUndefined();
    const missed = await run(
      `name: b\nsteps:\n  - expect_broadcast: { type: reminder_sent, method: email, within_ms: 300 }\n`,
      broadcasting.url,
    );
    const failure = missed.scenarios[0]?.failure;
    expect(failure?.message).toMatch(/^no broadcast matched within 300 ms/);
    expect(failure?.actual?.type).toBe("reminder_sent");
    expect(failure?.rows?.find((r) => r.field === "method")).toMatchObject({
      expected: '"email"',
      actual: '"sms"',
      ok: false,
    });
  });

  it("--bail skips the rest after a failure; --grep picks scenarios by name", async () => {
    const yaml = `- name: first fails\n  steps: [{ send: { type: ping }, expect: { type: error } }]\n- name: second\n  steps: [{ send: { type: ping } }]\n`;
    const bailed = await run(yaml, echo.url, { bail: true });
    expect(bailed.scenarios.map((s) => s.status)).toEqual(["failed", "skipped"]);
    expect(bailed).toMatchObject({ failed: 1, skipped: 1, passed: 0 });
    const grepped = await run(yaml, echo.url, { grep: "SECOND" });
    expect(grepped.scenarios.map((s) => [s.name, s.status])).toEqual([["second", "passed"]]);
  });

  it("a client whose token is refused fails its first step", async () => {
    const result = await run(
      `name: t\nclients: { a: { token: nope } }\nsteps:\n  - client: a\n    send: { type: ping }\n`,
    );
    expect(result.scenarios[0]?.failure?.message).toMatch(
      /^client a could not authenticate: answered .*Invalid authentication token/,
    );
  });

  it("a capture of a field the reply lacks fails the step", async () => {
    const result = await run(`name: c\nsteps:\n  - send: { type: ping }\n    capture: { x: nothing }\n`);
    expect(result.scenarios[0]?.failure?.message).toBe("capture x: the reply has no field nothing");
  });
});
