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

  it("refuses a bad --max-payload or --auth-timeout with exit 2, naming the flag", async () => {
    const zero = await runCli(["supervisor", "--max-payload", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--max-payload must be a whole number from 1 to 67108864");
    const negative = await runCli(["supervisor", "--auth-timeout", "-5"]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("--auth-timeout must be a whole number");
  });

  it("says in --help what differs from the Rust server's limits", async () => {
    const help = await runCli(["supervisor", "--help"]);
    expect(help.stdout.replace(/\s+/g, " ")).toContain("Rust: 16 MiB frames, 64 MiB messages");
    expect(help.stdout).toContain("--no-origin-check");
    expect(help.stdout).toContain("--no-flood-limit");
  });
});
