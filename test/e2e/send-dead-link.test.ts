import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProtocolServer } from "../helpers/protocol-server.js";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";

const NUMBERS = ["--from", "+15551234567", "--to", "+15559876543", "--user", "alice"];

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A supervisor whose link goes silent once the first event arrives: it stops reading, TCP stays open. */
async function goesSilent(): Promise<ProtocolServer> {
  const server = await ProtocolServer.start({
    respond: (_message, connection) => {
      (connection.socket as unknown as { _socket: Socket })._socket.pause();
      return new Promise<null>(() => {});
    },
  });
  cleanup.push(() => server.stop());
  return server;
}

describe("send-sms over a half-open link", () => {
  it("exits with the timeout's code within the timeout, not 30 s later", async () => {
    const server = await goesSilent();
    const started = performance.now();
    const { code, stderr } = await runCli([
      "send-sms",
      "hi",
      ...NUMBERS,
      "--url",
      server.url,
      "--timeout",
      "1500",
    ]);
    const elapsed = performance.now() - started;
    expect(code).toBe(5);
    expect(stderr).toContain("Timed out after 1500 ms waiting for the supervisor (request)");
    // Node's start-up and the connect come on top of the 1.5 s; the close handshake must not (ws waits 30 s).
    expect(elapsed).toBeLessThan(1500 + 4000);
  });
});

/** A CLI child process, with its output so far and its exit. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, ["--", BIN, ...args], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? "", HOME: tempDir() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output.stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, output, exited };
}

/** `xswarm-dev supervisor` as a child process, recording its traffic; resolves once it listens. */
async function supervisorChild(port = 0) {
  const record = join(tempDir(), "traffic.jsonl");
  const sup = spawnCli(["supervisor", "--port", String(port), "--no-log-file", "--record", record]);
  await vi.waitFor(() => expect(sup.output.stdout).toMatch(/listening on 127\.0\.0\.1:\d+/), {
    timeout: 10_000,
  });
  const listening = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(sup.output.stdout)?.[1]);
  const received = () => {
    if (!existsSync(record)) return 0;
    return readFileSync(record, "utf8")
      .split("\n")
      .filter((l) => l.includes('"in"') && l.includes("sms_received")).length;
  };
  return { ...sup, port: listening, url: `ws://127.0.0.1:${listening}`, received };
}

const summaryOf = (stdout: string) => JSON.parse(stdout.trimEnd().split("\n").at(-1) ?? "");

describe("load mode into a dead link", () => {
  it("stops at the first lost connection, counts only what left, and exits 6", async () => {
    const sup = await supervisorChild();
    const load = spawnCli([
      "send-sms",
      "load",
      ...NUMBERS,
      "--url",
      sup.url,
      "--count",
      "4000",
      "--concurrency",
      "4",
      "--rate",
      "400",
      "--json",
    ]);
    await vi.waitFor(() => expect(sup.received()).toBeGreaterThan(100), { timeout: 10_000, interval: 20 });
    sup.child.kill("SIGKILL");
    expect(await load.exited).toBe(6);
    const summary = summaryOf(load.output.stdout);
    expect(summary.count).toBe(4000);
    expect(summary.sent).toBeLessThan(4000);
    expect(summary.sent).toBe(summary.ok + summary.failed);
    expect(summary.ok).toBeGreaterThan(100);
    expect(summary.errors.not_connected).toBeUndefined();
    expect(summary.errors.connection_lost ?? 0).toBeLessThanOrEqual(4);
    expect(summary.stopped).toMatchObject({ code: "connection_lost" });
    // The human summary (on stderr with --json) lines up its table and says what happened.
    expect(load.output.stderr).toMatch(/■ stopped at the first lost connection: \d+ of 4000 events sent/);
    if (summary.errors.connection_lost) {
      expect(load.output.stderr).toMatch(/\n {2}latency {9}p50 /);
      expect(load.output.stderr).toMatch(/\n {2}connection_lost \d+\n/);
    } else expect(load.output.stderr).toMatch(/\n {2}latency {4}p50 /);
  });

  it("with --reconnect waits for the supervisor to come back and goes on to the count", async () => {
    const first = await supervisorChild();
    const load = spawnCli([
      "send-sms",
      "load",
      ...NUMBERS,
      "--url",
      first.url,
      "--count",
      "120",
      "--concurrency",
      "2",
      "--rate",
      "100",
      "--reconnect",
      "--json",
    ]);
    await vi.waitFor(() => expect(first.received()).toBeGreaterThan(20), { timeout: 10_000, interval: 20 });
    first.child.kill("SIGKILL");
    await first.exited;
    const second = await supervisorChild(first.port);
    const code = await load.exited;
    const summary = summaryOf(load.output.stdout);
    expect(summary.stopped).toBeUndefined();
    expect(summary.sent).toBe(summary.ok + summary.failed);
    expect(summary.sent).toBeGreaterThanOrEqual(120 - 2);
    expect(second.received()).toBeGreaterThan(0);
    expect(Object.keys(summary.errors).filter((c) => c !== "connection_lost")).toEqual([]);
    expect(code).toBe(summary.failed === 0 ? 0 : 6);
  });

  it("Ctrl-C prints the summary and exits 130", async () => {
    const sup = await supervisorChild();
    const load = spawnCli([
      "send-sms",
      "load",
      ...NUMBERS,
      "--url",
      sup.url,
      "--count",
      "100000",
      "--rate",
      "200",
    ]);
    await vi.waitFor(() => expect(sup.received()).toBeGreaterThan(20), { timeout: 10_000, interval: 20 });
    load.child.kill("SIGINT");
    expect(await load.exited).toBe(130);
    expect(load.output.stdout).toMatch(/^✔ \d+\/\d+ ok, 0 failed$/m);
    expect(load.output.stdout).toMatch(/■ interrupted: \d+ of 100000 events sent/);
  });
});
