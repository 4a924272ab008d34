import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeAnthropic, startFakeAnthropic } from "../helpers/fake-anthropic.js";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";

const LISTENING = /Supervisor WebSocket server listening on 127\.0\.0\.1:(\d+)\n/;
const SEND = ["send-sms", "Are we still on for lunch?", "--from", "+15551234567", "--to", "+15559876543"];

let fake: FakeAnthropic;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeAnthropic({ kind: "text", text: "Yes, 12:30 at the usual place." });
});
afterAll(() => fake.close());
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** `xswarm-dev supervisor --port 0 --responder claude --no-log-file` with only `env`; resolves once it listens. */
async function startClaudeSupervisor(env: Record<string, string>) {
  const cwd = tempDir();
  const child = spawn(
    process.execPath,
    [BIN, "supervisor", "--port", "0", "--responder", "claude", "--no-log-file"],
    { cwd, env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env } },
  );
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const match = LISTENING.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  return { child, exited, url: `ws://127.0.0.1:${port}`, stderr: () => stderr };
}

/** `xswarm-dev send-sms ... --json` against `url`; returns the reply it printed. */
async function sendSms(url: string): Promise<Record<string, unknown>> {
  // With --json the human lines go to stderr and stdout holds the one document.
  const { code, stdout, stderr } = await runCli([...SEND, "--user", "alice", "--url", url, "--json"]);
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout) as { reply: Record<string, unknown> }).reply;
}

describe("xswarm-dev supervisor --responder claude (the real binaries)", () => {
  it("answers send-sms with the Messages API's text, and stops on SIGTERM with exit 0", async () => {
    const before = fake.requests.length;
    const sup = await startClaudeSupervisor({
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: fake.baseURL,
    });
    expect(await sendSms(sup.url)).toEqual({
      type: "send_sms_response",
      to: "+15551234567",
      message: "Yes, 12:30 at the usual place.",
      user: "alice",
    });
    expect(fake.requests).toHaveLength(before + 1);
    expect(fake.requests.at(-1)?.method).toBe("POST");
    // The key from the environment reached the API (the header that carries it is the SDK's business).
    expect(JSON.stringify(fake.requests.at(-1)?.headers)).toContain("test-key");
    expect(JSON.stringify(fake.requests.at(-1)?.body)).toContain("Are we still on for lunch?");
    sup.child.kill("SIGTERM");
    expect(await sup.exited).toBe(0);
    expect(sup.stderr()).not.toContain("test-key");
  });

  it("without ANTHROPIC_API_KEY acknowledges instead, without calling the API", async () => {
    const before = fake.requests.length;
    const sup = await startClaudeSupervisor({ ANTHROPIC_BASE_URL: fake.baseURL });
    expect(await sendSms(sup.url)).toMatchObject({
      type: "message_acknowledged",
      message_type: "sms",
      user: "alice",
    });
    expect(fake.requests).toHaveLength(before);
    sup.child.kill("SIGTERM");
    expect(await sup.exited).toBe(0);
  });
});
