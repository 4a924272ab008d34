import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/index.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { closedPort, startHttpServer, startInsecureServer } from "../helpers/doctor.js";
import { runCli, tempDir } from "../helpers/run-cli.js";

const ALL_PASSED = "✨ All tests passed! Supervisor integration is working.";
const TOKEN = "e2e-doctor-token-123";
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let healthy: SupervisorHandle;
let slow: SupervisorHandle;
beforeAll(async () => {
  [healthy, slow] = await Promise.all([
    startSupervisor({ port: 0, token: TOKEN, logFile: null, responder: "echo", env: {} }),
    startSupervisor({ port: 0, token: TOKEN, logFile: null, delayMs: 400, env: {} }),
  ]);
});
afterAll(async () => {
  await Promise.all([healthy.close(), slow.close()]);
});

const lineOf = (stdout: string, title: string) =>
  stdout.split("\n").find((l) => l.slice(2).startsWith(title)) ?? "";

describe("xswarm-dev doctor", () => {
  it("passes every step against the embedded supervisor and ends with the seed's line", async () => {
    const { code, stdout, stderr } = await runCli(["doctor", "--url", healthy.url, "--token", TOKEN]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    for (const title of [
      "Configuration",
      "URL",
      "DNS",
      "TCP",
      "WebSocket handshake",
      "Ping",
      "Auth ",
      "Auth enforcement",
      "SMS round trip",
      "Email round trip",
    ])
      expect(lineOf(stdout, title)).toMatch(/^✔ /);
    expect(lineOf(stdout, "Configuration")).toContain(`url ${healthy.url} (--url), token e2e-…123 (--token)`);
    expect(lineOf(stdout, "Ping")).toMatch(/pong in [\d.]+ ms/);
    expect(lineOf(stdout, "SMS round trip")).toMatch(/send_sms_response to \+15555550100: .* in [\d.]+ ms/);
    expect(stdout).toContain("10/10 checks passed");
    expect(stdout.trimEnd().endsWith(ALL_PASSED)).toBe(true);
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toMatch(ANSI);
  });

  it("--json prints exactly one document with every check", async () => {
    const { code, stdout } = await runCli(["doctor", "--json", "--url", healthy.url, "--token", TOKEN]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { ok: boolean; checks: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      "config",
      "url",
      "dns",
      "tcp",
      "handshake",
      "ping",
      "auth",
      "auth_enforcement",
      "sms_round_trip",
      "email_round_trip",
    ]);
    for (const check of report.checks) {
      expect(check).toMatchObject({ status: "pass", title: expect.any(String), detail: expect.any(String) });
      expect(typeof check.duration_ms).toBe("number");
    }
    expect(stdout).not.toContain(TOKEN);
  });

  it("--no-events skips the round trips and still passes", async () => {
    const { code, stdout } = await runCli(["doctor", "--no-events", "--url", healthy.url, "--token", TOKEN]);
    expect(code).toBe(0);
    expect(lineOf(stdout, "SMS round trip")).toMatch(/^○ .*skipped \(--no-events\)/);
    expect(lineOf(stdout, "Email round trip")).toMatch(/^○ .*skipped \(--no-events\)/);
    expect(stdout).toContain("8/8 checks passed, 2 skipped");
  });

  it("against a closed port: refused with the start hint, later steps skipped, exit 1", async () => {
    const port = await closedPort();
    const { code, stdout } = await runCli(["doctor", "--url", `ws://127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(lineOf(stdout, "TCP")).toMatch(/^✖ .*Connection refused at 127\.0\.0\.1:\d+/);
    expect(stdout).toContain("xswarm-dev supervisor");
    expect(stdout).toContain("cargo run --bin xswarm");
    expect(lineOf(stdout, "WebSocket handshake")).toMatch(/^○ .*skipped: TCP did not pass/);
    expect(stdout).toContain("3/4 checks passed, 1 failed, 6 skipped");
    expect(stdout).not.toContain(ALL_PASSED);
  });

  it("masks a token that also hides in the URL, in the report and in --json", async () => {
    const port = await closedPort();
    const secret = "my-secret-token-999";
    const url = `ws://127.0.0.1:${port}/?token=${secret}`;
    const human = await runCli(["doctor", "--url", url, "--token", secret]);
    const json = await runCli(["doctor", "--url", url, "--token", secret, "--json"]);
    expect(human.stdout).toContain("?token=my-s…999");
    for (const run of [human, json]) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("with a wrong token: auth fails with the tokens-must-match hint, token masked", async () => {
    const { code, stdout } = await runCli(["doctor", "--url", healthy.url, "--token", "wrong-token-456"]);
    expect(code).toBe(1);
    expect(lineOf(stdout, "Auth ")).toMatch(
      /^✖ .*Authentication failed: Invalid authentication token \(token wron…456\)/,
    );
    expect(stdout).toContain("Check that auth tokens match");
    expect(lineOf(stdout, "Auth enforcement")).toMatch(/^✔ /);
    expect(lineOf(stdout, "SMS round trip")).toMatch(/^○ .*skipped: Auth did not pass/);
    expect(stdout).not.toContain("wrong-token-456");
  });

  it("with a plain HTTP server on the port: the handshake fails showing the HTTP status", async () => {
    const http = await startHttpServer(404, "plain-http");
    try {
      const { code, stdout } = await runCli(["doctor", "--json", "--url", http.url]);
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as { ok: boolean; checks: Array<Record<string, string>> };
      expect(report.ok).toBe(false);
      const handshake = report.checks.find((c) => c.id === "handshake");
      expect(handshake).toMatchObject({
        status: "fail",
        detail:
          "the server answered HTTP 404 Not Found (server: plain-http) instead of upgrading to WebSocket",
      });
      expect(handshake?.hint).toContain(
        `Something other than the supervisor may be listening on port ${http.port}`,
      );
      expect(report.checks.find((c) => c.id === "tcp")?.status).toBe("pass");
    } finally {
      await http.close();
    }
  });

  it("reports a supervisor that accepts unauthenticated SMS as a security failure", async () => {
    const insecure = await startInsecureServer();
    try {
      const { code, stdout } = await runCli(["doctor", "--url", insecure.url]);
      expect(code).toBe(1);
      expect(lineOf(stdout, "Auth enforcement")).toMatch(
        /^✖ .*SECURITY: the supervisor accepted sms_received without auth/,
      );
      expect(lineOf(stdout, "SMS round trip")).toMatch(/^✔ /);
      expect(stdout).toContain("9/10 checks passed, 1 failed");
    } finally {
      await insecure.close();
    }
  });

  it("with a slow supervisor and a short --timeout: the round trips time out", async () => {
    const { code, stdout } = await runCli([
      "doctor",
      "--url",
      slow.url,
      "--token",
      TOKEN,
      "--timeout",
      "150",
    ]);
    expect(code).toBe(1);
    expect(lineOf(stdout, "Auth ")).toMatch(/^✔ /);
    expect(lineOf(stdout, "SMS round trip")).toMatch(/^✖ .*no reply within 150 ms/);
    expect(stdout).toContain("raise --timeout");
  });

  it("shows where each value came from and warns about production, exiting 0", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, ".env.local"),
      `# local\nSUPERVISOR_URL=${healthy.url}\nSUPERVISOR_TOKEN=${TOKEN}\n`,
    );
    const { code, stdout } = await runCli(["doctor", "--no-events"], {
      cwd,
      env: { ENVIRONMENT: "production" },
    });
    expect(code).toBe(0);
    const config = lineOf(stdout, "Configuration");
    expect(config).toMatch(/^! /);
    expect(config).toContain(
      `url ${healthy.url} (.env.local:2), token e2e-…123 (.env.local:3), environment production (ENVIRONMENT)`,
    );
    expect(config).toContain("Cloudflare Workers cannot open WebSocket clients");
    expect(stdout).toContain("8/8 checks passed, 1 warning, 2 skipped");
    expect(stdout).not.toContain(ALL_PASSED);
  });

  it("a malformed .env.local fails the configuration step, naming the file and line", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, ".env.local"), "SUPERVISOR_URL=ws://127.0.0.1:1\nSUPERVISOR_TOKEN='unclosed\n");
    const { code, stdout, stderr } = await runCli(["doctor"], { cwd });
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(lineOf(stdout, "Configuration")).toContain(
      ".env.local:2: SUPERVISOR_TOKEN: unterminated single quote",
    );
    expect(stdout).not.toContain("unclosed");
    expect(stdout).not.toMatch(/\n\s+at /);
  });
});
