import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";
import { Peer } from "../helpers/ws-peer.js";

const LISTENING = /listening on 127\.0\.0\.1:(\d+)\n/;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `xswarm-dev supervisor --port 0 --no-log-file ...args` and resolves with its port. */
function startCli(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [BIN, "supervisor", "--port", "0", "--no-log-file", ...args], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? "" },
  });
  children.push(child);
  let stdout = "";
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const match = LISTENING.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}`)));
  });
}

describe("xswarm-dev supervisor: the flags of a faithful run", () => {
  it("--no-origin-check, --auth-timeout 0, --no-flood-limit and --max-payload reach the server", async () => {
    const port = await startCli([
      "--no-origin-check",
      "--auth-timeout",
      "0",
      "--no-flood-limit",
      "--max-payload",
      "200",
    ]);
    const url = `ws://127.0.0.1:${port}`;
    const page = await Peer.open(url, { origin: "https://evil.example" });
    for (let i = 0; i < 150; i++) page.send(`x${i}`);
    const replies = await page.take(150);
    expect(replies.every((r) => String(r.message).startsWith("Invalid message format: expected value"))).toBe(
      true,
    );
    page.send("x".repeat(201));
    expect((await page.closed).code).toBe(1009);
  });

  it("--answer-log-limit reaches the server: past it, the answers of a second are summed up", async () => {
    const port = await startCli(["--answer-log-limit", "3", "--verbose"]);
    let stderr = "";
    children
      .at(-1)
      ?.stderr?.setEncoding("utf8")
      .on("data", (d: string) => {
        stderr += d;
      });
    const peer = await Peer.authed(`ws://127.0.0.1:${port}`, "dev-token-12345");
    const sms = { type: "sms_received", from: "+1555", to: "+1666", message: "hi", user: "alice" };
    for (let i = 0; i < 50; i++) peer.send(sms);
    await peer.take(50);
    await expect.poll(() => /more answers in the last second/.test(stderr), { timeout: 5000 }).toBe(true);
    const summaries = stderr.match(/more answers in the last second/g)?.length ?? 0;
    const oneByOne = stderr.match(/ sms answered /g)?.length ?? 0;
    expect(oneByOne).toBeGreaterThanOrEqual(3);
    expect(oneByOne).toBeLessThanOrEqual(3 * (summaries + 1));
    peer.ws.terminate();
  });

  it("refuses a bad --max-payload, --auth-timeout or --answer-log-limit with exit 2, naming the flag", async () => {
    const zero = await runCli(["supervisor", "--max-payload", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--max-payload must be a whole number from 1 to 67108864");
    const negative = await runCli(["supervisor", "--auth-timeout", "-5"]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("--auth-timeout must be a whole number");
    const answers = await runCli(["supervisor", "--answer-log-limit", "lots"]);
    expect(answers.code).toBe(2);
    expect(answers.stderr).toContain("--answer-log-limit must be a whole number from 0 to 1000000");
  });

  it("says in --help what differs from the Rust server's limits", async () => {
    const help = await runCli(["supervisor", "--help"]);
    expect(help.stdout.replace(/\s+/g, " ")).toContain("Rust: 16 MiB frames, 64 MiB messages");
    expect(help.stdout).toContain("--no-origin-check");
    expect(help.stdout).toContain("--no-flood-limit");
    expect(help.stdout).toContain("--answer-log-limit <n>");
  });
});
