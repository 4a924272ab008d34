import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BIN, tempDir } from "../helpers/run-cli.js";
import { closeAll, type RecordingSupervisor, recordingSupervisor, to } from "./send-fixtures.js";

interface Running {
  child: ChildProcess;
  out(): string;
  err(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function start(args: string[]): Running {
  const child = spawn(process.execPath, ["--", BIN, ...args], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, out: () => out, err: () => err, exited };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("SIGHUP stops a server the way SIGINT and SIGTERM do", () => {
  it.each([
    ["supervisor", ["supervisor", "--port", "0", "--no-log-file"], /listening on/],
    ["tap", ["tap", "--port", "0"], /Tap listening on/],
  ])("%s exits 0 on SIGHUP", async (_name, args, banner) => {
    const server = start(args);
    await vi.waitFor(() => expect(server.out()).toMatch(banner), { timeout: 10_000 });
    server.child.kill("SIGHUP");
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe("send-sms load mode and Ctrl-C", () => {
  let supervisor: RecordingSupervisor;
  beforeAll(async () => {
    supervisor = await recordingSupervisor({ responder: "ack" });
  });
  afterAll(() => closeAll(supervisor));

  it("stops sending at SIGINT, prints the summary of what was sent and exits 130", async () => {
    const before = supervisor.ofType("sms_received").length;
    const load = start([
      "send-sms",
      "hi",
      "--from",
      "+15551234567",
      "--to",
      "+15557654321",
      "--user",
      "alice",
      ...to(supervisor),
      "--count",
      "100000",
      "--rate",
      "50",
      "--json",
    ]);
    await vi.waitFor(() => expect(supervisor.ofType("sms_received").length - before).toBeGreaterThan(2), {
      timeout: 10_000,
    });
    load.child.kill("SIGINT");
    expect(await load.exited).toEqual({ code: 130, signal: null });
    const summary = JSON.parse(load.out()) as { sent: number; ok: number; interrupted?: boolean };
    expect(summary.interrupted).toBe(true);
    expect(summary.sent).toBeGreaterThan(2);
    expect(summary.sent).toBeLessThan(100000);
    expect(summary.ok).toBe(summary.sent);
    expect(load.err()).toContain("SIGINT: sending no more");
  });
});
