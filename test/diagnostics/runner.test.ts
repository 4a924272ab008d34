import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CheckResult, type DoctorStep, runDoctor } from "../../src/diagnostics/index.js";
import { closedPort } from "../helpers/doctor.js";
import { ProtocolServer } from "../helpers/protocol-server.js";

let dir: string;
let server: ProtocolServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "xswarm-doctor-run-"));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const statuses = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("runDoctor", () => {
  it("passes every step against a supervisor that follows the protocol, and closes its connections", async () => {
    server = await ProtocolServer.start();
    const seen: string[] = [];
    const started = performance.now();
    const report = await runDoctor({
      flags: { url: server.url, timeoutMs: "2000" },
      cwd: dir,
      env: {},
      onResult: (r) => seen.push(r.id),
    });
    expect(report.ok).toBe(true);
    expect(statuses(report.checks)).toEqual({
      config: "pass",
      url: "pass",
      dns: "pass",
      tcp: "pass",
      handshake: "pass",
      ping: "pass",
      auth: "pass",
      auth_enforcement: "pass",
      sms_round_trip: "pass",
      email_round_trip: "pass",
    });
    expect(seen).toEqual(report.checks.map((c) => c.id));
    // The steps run one after another, so their durations add up to no more than the whole run.
    const total = report.checks.reduce((sum, check) => sum + check.duration_ms, 0);
    expect(total).toBeLessThanOrEqual(performance.now() - started);
    // The handshake's connection and the enforcement's second connection are both closed at the end.
    await Promise.all(server.connections.map((c) => c.closed));
    expect(server.connections).toHaveLength(2);
  });

  it("skips the round trips with events: false, and sends no event", async () => {
    server = await ProtocolServer.start();
    const report = await runDoctor({ flags: { url: server.url }, cwd: dir, env: {}, events: false });
    expect(report.ok).toBe(true);
    const skipped = report.checks.filter((c) => c.status === "skip");
    expect(skipped.map((c) => [c.id, c.detail])).toEqual([
      ["sms_round_trip", "skipped (--no-events)"],
      ["email_round_trip", "skipped (--no-events)"],
    ]);
    const first = await server.waitForConnection(1);
    expect(first.receivedMessages.map((m) => m.type)).toEqual(["ping", "auth"]);
  });

  it("against a closed port fails TCP and skips every later step, saying why", async () => {
    const port = await closedPort();
    const report = await runDoctor({ flags: { url: `ws://127.0.0.1:${port}` }, cwd: dir, env: {} });
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => [c.id, c.status, c.status === "skip" ? c.detail : ""])).toEqual([
      ["config", "pass", ""],
      ["url", "pass", ""],
      ["dns", "pass", ""],
      ["tcp", "fail", ""],
      ["handshake", "skip", "skipped: TCP did not pass"],
      ["ping", "skip", "skipped: WebSocket handshake did not pass"],
      ["auth", "skip", "skipped: WebSocket handshake did not pass"],
      ["auth_enforcement", "skip", "skipped: WebSocket handshake did not pass"],
      ["sms_round_trip", "skip", "skipped: Auth did not pass"],
      ["email_round_trip", "skip", "skipped: Auth did not pass"],
    ]);
  });

  it("a wrong token fails auth, still checks enforcement, and skips the round trips", async () => {
    server = await ProtocolServer.start({ token: "the-real-token-42" });
    const report = await runDoctor({ flags: { url: server.url }, cwd: dir, env: {} });
    expect(statuses(report.checks)).toMatchObject({
      ping: "pass",
      auth: "fail",
      auth_enforcement: "pass",
      sms_round_trip: "skip",
      email_round_trip: "skip",
    });
  });

  it("a configuration error fails the first step and skips everything else", async () => {
    const report = await runDoctor({ flags: { timeoutMs: "soon" }, cwd: dir, env: {} });
    expect(report.checks[0]).toMatchObject({
      id: "config",
      status: "fail",
      detail: 'Invalid timeout "soon" (from --timeout): must be a positive whole number of milliseconds',
    });
    expect(report.checks.slice(1).every((c) => c.status === "skip")).toBe(true);
  });

  it("warnings do not fail the report", async () => {
    const steps: DoctorStep[] = [
      { id: "a", title: "A", needs: [], run: async () => ({ status: "warn", detail: "meh", hint: "h" }) },
    ];
    expect((await runDoctor({}, steps)).ok).toBe(true);
  });

  it("turns an exception in a check into that check's failure and runs the cleanups", async () => {
    let cleaned = false;
    const steps: DoctorStep[] = [
      {
        id: "a",
        title: "A",
        needs: [],
        run: async (ctx) => {
          ctx.cleanups.push(async () => {
            cleaned = true;
          });
          throw new Error("boom");
        },
      },
      { id: "b", title: "B", needs: ["a"], run: async () => ({ status: "pass", detail: "ok" }) },
      { id: "c", title: "C", needs: ["b"], run: async () => ({ status: "pass", detail: "ok" }) },
      { id: "d", title: "D", needs: [], run: async () => ({ status: "pass", detail: "independent" }) },
    ];
    const report = await runDoctor({}, steps);
    expect(report.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ["a", "fail", "unexpected error: boom"],
      ["b", "skip", "skipped: A did not pass"],
      ["c", "skip", "skipped: B did not pass"],
      ["d", "pass", "independent"],
    ]);
    expect(cleaned).toBe(true);
  });
});
