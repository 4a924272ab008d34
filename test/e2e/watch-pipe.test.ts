import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";
import { ack, sms } from "../helpers/traffic-entries.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Spawns `xswarm-dev watch ...` with pipes (not a terminal) and collects its output. */
function spawnWatch(args: string[]) {
  const cwd = tempDir();
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, "watch", ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    stderr += c;
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  cleanups.push(() => child.exitCode === null && child.kill("SIGKILL"));
  const until = (check: () => boolean, what: string) =>
    vi.waitFor(
      () => {
        if (!check())
          throw new Error(`Timed out waiting for ${what}.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      },
      { timeout: 10_000, interval: 20 },
    );
  return { child, exited, until, out: () => stdout, err: () => stderr };
}

const sendSms = (url: string, text: string) =>
  runCli([
    "send-sms",
    text,
    "--from",
    "+15551234567",
    "--to",
    "+15557654321",
    "--user",
    "piped",
    "--url",
    url,
  ]);

describe("xswarm-dev watch when stdout is not a terminal", () => {
  it("--json prints one valid JSON object per event until SIGTERM, then exits 0", async () => {
    const watch = spawnWatch(["--embedded", "--port", "0", "--responder", "echo", "--json"]);
    await watch.until(() => /ws:\/\/127\.0\.0\.1:\d+: ready/.test(watch.err()), "the dashboard's client");
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(watch.err())?.[0] ?? "";
    expect((await sendSms(url, "Piped hello")).code).toBe(0);
    await watch.until(() => watch.out().includes("send_sms_response"), "the reply");
    watch.child.kill("SIGTERM");
    const [code] = await watch.exited;
    expect(code).toBe(0);
    const entries = watch
      .out()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as TrafficEntry);
    const request = entries.find((e) => e.frame?.type === "sms_received");
    const reply = entries.find((e) => e.frame?.type === "send_sms_response");
    expect(request?.frame?.message).toBe("Piped hello");
    expect(reply?.reply_to).toBe(request?.seq);
    for (const entry of entries)
      expect(entry).toMatchObject({ seq: expect.any(Number), direction: expect.any(String) });
    // Tokens never reach the output.
    expect(watch.out()).not.toContain("dev-token-12345");
  });

  it("prints one plain line per event without --json, and exits 0 on SIGINT", async () => {
    const watch = spawnWatch(["--embedded", "--port", "0"]);
    await watch.until(() => /: ready/.test(watch.err()), "ready");
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(watch.err())?.[0] ?? "";
    expect((await sendSms(url, "Plain hello")).code).toBe(0);
    await watch.until(() => watch.out().includes("ack"), "the ack line");
    expect(watch.out()).toMatch(/→ sms {2}user=piped {2}"Plain hello"/);
    expect(watch.out()).toMatch(/← ack {2}user=piped {2}↳ #\d+ /);
    watch.child.kill("SIGINT");
    expect((await watch.exited)[0]).toBe(0);
  });

  it("plays a recording back and exits 0 at its end", async () => {
    const file = join(tempDir(), "traffic.jsonl");
    const request = sms("replayed");
    writeFileSync(file, `${JSON.stringify(request)}\n${JSON.stringify(ack(request.seq, 3))}\n`);
    const result = await runCli(["watch", "--replay", file, "--speed", "0"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
    expect(result.stdout).toContain('"replayed"');
    expect(result.stderr).toContain("replay finished");
  });

  it("records what it shows with --record", async () => {
    const file = join(tempDir(), "rec", "out.jsonl");
    const watch = spawnWatch(["--embedded", "--port", "0", "--record", file]);
    await watch.until(() => /: ready/.test(watch.err()), "ready");
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(watch.err())?.[0] ?? "";
    expect((await sendSms(url, "Recorded")).code).toBe(0);
    await watch.until(() => watch.out().includes("ack"), "the ack line");
    watch.child.kill("SIGTERM");
    expect((await watch.exited)[0]).toBe(0);
    const replay = await runCli(["watch", "--replay", file, "--speed", "0", "--json"]);
    expect(replay.stdout).toContain('"message":"Recorded"');
  });
});

describe("xswarm-dev watch refuses what cannot work", () => {
  it("exits 2 for options that do not go together", async () => {
    const port = await runCli(["watch", "--port", "1234"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port goes with --embedded");
    expect(port.stderr).toContain("See --help for the options.");
    expect(port.stderr).not.toContain("Fix the field");
    const speed = await runCli(["watch", "--embedded", "--speed", "2"]);
    expect(speed.code).toBe(2);
    expect(speed.stderr).toContain("--speed goes with --replay");
  });

  it("exits 2 for a replay file that does not exist", async () => {
    const result = await runCli(["watch", "--replay", join(tempDir(), "nope.jsonl")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no such file");
  });

  it("exits 4 when the supervisor refuses the token", async () => {
    const sup = await startSupervisor({ port: 0, logFile: null, token: "another-token-0123456789" });
    cleanups.push(() => sup.close());
    const refused = await runCli(["watch", "--url", sup.url]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("Authentication failed: Invalid authentication token");
    expect(refused.stderr).not.toContain("another-token");
  });

  it("exits 1 when the port is taken, saying what holds it and suggesting --port 0", async () => {
    const sup = await startSupervisor({ port: 0, logFile: null });
    cleanups.push(() => sup.close());
    const taken = await runCli(["watch", "--embedded", "--port", String(sup.port)]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`Port ${sup.port} on 127.0.0.1 is taken by a supervisor already`);
    expect(taken.stderr).toContain("--port 0");

    const http: Server = createServer((_req, res) => res.end("hi"));
    http.listen(0, "127.0.0.1");
    await once(http, "listening");
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    const httpPort = (http.address() as AddressInfo).port;
    const byHttp = await runCli(["watch", "--embedded", "--port", String(httpPort)]);
    expect(byHttp.code).toBe(1);
    expect(byHttp.stderr).toContain("an HTTP server that refuses WebSocket upgrades, status 200");
  });
});
