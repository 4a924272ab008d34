import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TrafficEntry } from "../../src/protocol/events.js";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";
import { Peer } from "../helpers/ws-peer.js";

const LISTENING = /Supervisor WebSocket server listening on 127\.0\.0\.1:(\d+)\n/;
const SMS = { type: "sms_received", from: "+15551234567", to: "+15559876543", message: "Hi", user: "alice" };

interface Running {
  child: ChildProcess;
  cwd: string;
  port: number;
  output: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const server of servers.splice(0)) server.close();
});

/** Starts `xswarm-dev supervisor --port 0 ...` in a fresh directory and waits for its listening line. */
async function startCli(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const cwd = tempDir();
  const child = spawn(process.execPath, [BIN, "supervisor", "--port", "0", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env },
  });
  children.push(child);
  const output = { stdout: "", stderr: "" };
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    output.stderr += d;
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      output.stdout += d;
      const match = LISTENING.exec(output.stdout);
      if (match && output.stdout.includes("Press Ctrl-C to stop.")) resolve(Number(match[1]));
    });
    exited.then((code) => reject(new Error(`exited ${code} before listening: ${output.stderr}`)));
  });
  return { child, cwd, port, output, exited };
}

describe("xswarm-dev supervisor (the real binary)", () => {
  it("survives a 5,000-deep frame from an unauthenticated client with --record, and records no token", async () => {
    const token = "e2e-deep-token-abcdef";
    const cli = await startCli(["--record", "traffic.jsonl"], { SUPERVISOR_TOKEN: token });
    const url = `ws://127.0.0.1:${cli.port}`;
    const attacker = await Peer.open(url);
    attacker.send(`{"type":"x","a":${"[".repeat(5000)}${"]".repeat(5000)}}`);
    // serde reads the sequence form of a struct too: this is an auth, and the record must not show it.
    attacker.send(`["auth","${token}"]`);
    expect((await attacker.take(2)).map((r) => r.type)).toEqual(["error", "auth_result"]);
    const peer = await Peer.authed(url, token);
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(cli.child.exitCode).toBeNull();
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    const record = readFileSync(join(cli.cwd, "traffic.jsonl"), "utf8");
    expect(record).toContain('"raw":"{\\"type\\":\\"x\\",\\"a\\":[[[');
    expect(record).not.toContain(token);
    expect(cli.output.stderr).not.toContain("RangeError");
  });

  it("serves the protocol, and on SIGTERM closes clients with 1001 and exits 0", async () => {
    const cli = await startCli([], { SUPERVISOR_TOKEN: "e2e-token-abcdef" });
    expect(cli.output.stdout).toContain("responder ack · token e2e-…def (SUPERVISOR_TOKEN)");
    expect(cli.output.stdout).not.toContain("e2e-token-abcdef");
    const url = `ws://127.0.0.1:${cli.port}`;
    const peer = await Peer.authed(url, "e2e-token-abcdef");
    expect(await peer.request(SMS)).toMatchObject({ type: "message_acknowledged", message_type: "sms" });

    cli.child.kill("SIGTERM");
    expect((await peer.closed).code).toBe(1001);
    expect(await cli.exited).toBe(0);
    // The default log file, in the working directory, holds no token.
    const log = readFileSync(join(cli.cwd, "logs", "supervisor.log"), "utf8");
    expect(log).toContain('"msg":"supervisor listening"');
    expect(log).not.toContain("e2e-token-abcdef");
  });

  it("answers with the echo responder and records the traffic feed, stopping on SIGINT", async () => {
    const cli = await startCli(["--responder", "echo", "--record", "traffic.jsonl", "--no-log-file"]);
    const peer = await Peer.authed(`ws://127.0.0.1:${cli.port}`, "dev-token-12345");
    expect(await peer.request(SMS)).toMatchObject({ type: "send_sms_response", to: SMS.from, user: "alice" });
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    const entries = readFileSync(join(cli.cwd, "traffic.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => TrafficEntry.parse(JSON.parse(line)));
    expect(entries.map((e) => e.event ?? e.frame?.type)).toEqual([
      "open",
      "auth",
      "auth_result",
      "sms_received",
      "send_sms_response",
      "close",
    ]);
    // The client's address, and the close of the shutdown ("going away").
    expect(entries[0]?.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(entries.at(-1)).toMatchObject({ close_code: 1001, close_reason: "Server shutting down" });
    expect(existsSync(join(cli.cwd, "logs"))).toBe(false);
  });

  it("reads its token from --env-file", async () => {
    const file = join(tempDir(), "dev.env");
    writeFileSync(file, "# the supervisor's token\nSUPERVISOR_TOKEN=env-file-token-98765\n");
    const cli = await startCli(["--env-file", file, "--no-log-file"]);
    expect(cli.output.stdout).toContain(`(${file}:2)`);
    expect(cli.output.stdout).not.toContain("env-file-token-98765");
    const peer = await Peer.authed(`ws://127.0.0.1:${cli.port}`, "env-file-token-98765");
    expect(await peer.request(SMS)).toMatchObject({ type: "message_acknowledged" });
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    const missing = await runCli(["supervisor", "--port", "0", "--env-file", "missing.env"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--env-file: missing.env not found");
  });

  it("says the port is taken, names --port 0 and lsof, and exits 1 without a stack trace", async () => {
    const blocker = createServer();
    servers.push(blocker);
    blocker.listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as { port: number }).port;
    const result = await runCli(["supervisor", "--port", String(port), "--no-log-file"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use on 127.0.0.1`);
    expect(result.stderr).toContain("--port 0");
    expect(result.stderr).toContain(`lsof -i :${port}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects bad options with exit code 2", async () => {
    const port = await runCli(["supervisor", "--port", "99999"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port must be a whole number from 0 to 65535");
    // An option, not an event's field: the hint points at --help.
    expect(port.stderr).toContain("See --help for the options.");
    expect(port.stderr).not.toContain("Fix the field");
    const remote = await runCli(["supervisor", "--host", "0.0.0.0", "--port", "0"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain("Refusing to listen on 0.0.0.0");
    const responder = await runCli(["supervisor", "--responder", "gpt"]);
    expect(responder.code).toBe(2);
  });
});
