import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { CLI_ENTRY, withStaticImports } from "../helpers/static-imports.js";

const RECORDER = fileURLToPath(new URL("../helpers/record-modules.mjs", import.meta.url));

import {
  closeAll,
  closedPort,
  plainHttpServer,
  type RecordingSupervisor,
  recordingSupervisor,
  startAckAndEcho,
  TOKEN,
  to,
} from "./send-fixtures.js";

const NUMBERS = ["--from", "+1 (555) 123-4567", "--to", "+44 20 7946 0958", "--user", "alice"];
const RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let ack: RecordingSupervisor;
let echo: RecordingSupervisor;

beforeAll(async () => {
  [ack, echo] = await startAckAndEcho();
});
afterAll(() => closeAll(ack, echo));

describe("send-sms against the embedded supervisor", () => {
  it("shows the acknowledgement: type, user, timestamp and round trip", async () => {
    const { code, stdout, stderr } = await runCli(["send-sms", "Hello € boss", ...NUMBERS, ...to(ack)]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("→ sms_received  +15551234567 → +442079460958  user alice");
    expect(stdout).toContain("message: 12 characters · 1 SMS segment (GSM-7, 13 of 160 units)");
    expect(stdout).toContain("✔ message_acknowledged");
    expect(stdout).toMatch(/type {7}sms/);
    expect(stdout).toMatch(/user {7}alice/);
    expect(stdout).toMatch(new RegExp(`timestamp  ${RFC3339.source}`));
    expect(stdout).toMatch(/round trip \d+(\.\d)? ms/);
    expect(stdout).not.toMatch(ANSI);
    expect(ack.ofType("sms_received").at(-1)).toEqual({
      type: "sms_received",
      from: "+15551234567",
      to: "+442079460958",
      message: "Hello € boss",
      user: "alice",
    });
  });

  it("shows a response: the reply text, who it is for, and the ms", async () => {
    const { code, stdout } = await runCli(["send-sms", "Hi 😀", ...NUMBERS, ...to(echo)]);
    expect(code).toBe(0);
    expect(stdout).toContain("message: 4 characters · 1 SMS segment (UCS-2, 5 of 70 units)");
    expect(stdout).toMatch(/✔ send_sms_response to \+15551234567 \(user alice\) in \d+(\.\d)? ms/);
    expect(stdout).toContain("Hi 😀");
  });

  it("with --json prints one document: request as sent, reply as received, latency", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "-m",
      "Json please",
      ...NUMBERS,
      ...to(echo),
      "--json",
    ]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(["request", "reply", "latency_ms"]);
    expect(doc.request).toEqual({
      type: "sms_received",
      from: "+15551234567",
      to: "+442079460958",
      message: "Json please",
      user: "alice",
    });
    expect(doc.reply).toMatchObject({ type: "send_sms_response", to: "+15551234567", user: "alice" });
    expect(doc.latency_ms).toBeTypeOf("number");
    expect(stderr).toContain("send_sms_response");
  });

  it("reads the text from stdin with -", async () => {
    const { code } = await runCli(["send-sms", "-", ...NUMBERS, ...to(ack)], {
      stdin: "From stdin\nline two\n",
    });
    expect(code).toBe(0);
    expect(ack.ofType("sms_received").at(-1)?.message).toBe("From stdin\nline two");
  });

  it("takes from, to and user from the environment and the .xswarm-dev.json profile", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, ".xswarm-dev.json"),
      JSON.stringify({ user: "profile-user", toPhone: "+1 555 000 1111" }),
    );
    const { code, stderr } = await runCli(["send-sms", "Defaults", ...to(ack)], {
      cwd,
      env: { XSWARM_FROM_PHONE: "+33 1 23 45 67 89" },
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(ack.ofType("sms_received").at(-1)).toMatchObject({
      from: "+33123456789",
      to: "+15550001111",
      user: "profile-user",
    });
  });

  it("shows the frames with --verbose, the token masked", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "Verbose",
      ...NUMBERS,
      ...to(ack),
      "--verbose",
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('» {"type":"auth"');
    expect(stderr).toContain('« {"type":"message_acknowledged"');
    expect(stdout + stderr).not.toContain(TOKEN);
  });
});

describe("send-sms refuses bad input with exit 2, naming the flag, sending nothing", () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      "a number without +",
      ["hi", "--from", "555-123-4567", "--to", "+15557654321", "--user", "a"],
      /--from: "555-123-4567" must start with \+/,
    ],
    [
      "a short number",
      ["hi", "--from", "+15551234567", "--to", "+1 234", "--user", "a"],
      /--to: "\+1 234" has 4 digits/,
    ],
    ["an empty message", ["", ...NUMBERS], /\[text\] must not be empty/],
    [
      "no message at all",
      [...NUMBERS],
      /Invalid SMS input: message is required: give it as \[text\], with -m <text>, or - to read stdin/,
    ],
    ["text twice", ["hi", "-m", "ho", ...NUMBERS], /\[text\] and --message: give the message only once/],
    ["a bad --count", ["hi", ...NUMBERS, "--count", "lots"], /--count must be a whole number/],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const before = ack.received.length;
    const { code, stdout, stderr } = await runCli(["send-sms", ...args, ...to(ack)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("nothing was sent");
    expect(stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(2);
    expect(ack.received.length).toBe(before);
  });

  it("prints the error as JSON with --json", async () => {
    const { code, stdout } = await runCli([
      "send-sms",
      "hi",
      "--from",
      "12",
      "--to",
      "+15557654321",
      "--user",
      "a",
      "--json",
      ...to(ack),
    ]);
    expect(code).toBe(2);
    const doc = JSON.parse(stdout);
    expect(doc.error.code).toBe("invalid_input");
    expect(doc.error.message).toMatch(/--from/);
  });
});

describe("send-sms when the link fails", () => {
  it("exits 3 on a closed port, with the start hint", async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "hi",
      ...NUMBERS,
      "--url",
      `ws://127.0.0.1:${port}`,
    ]);
    expect(code).toBe(3);
    expect(stderr).toContain(`✖ Connection refused (ws://127.0.0.1:${port})`);
    expect(stderr).toMatch(/xswarm-dev supervisor.*cargo run --bin xswarm/);
    expect(stdout).not.toContain("✔");
  });

  it("exits 3 when a plain HTTP server answers the handshake", async () => {
    const http = await plainHttpServer();
    try {
      const { code, stderr } = await runCli(["send-sms", "hi", ...NUMBERS, "--url", http.url, "--json"]);
      expect(code).toBe(3);
      expect(stderr).toMatch(/handshake failed \(HTTP 200\)/);
      expect(stderr).toMatch(/not a WebSocket supervisor/);
    } finally {
      await http.close();
    }
  });

  it("exits 4 on a wrong token, hints that tokens must match, and never prints a token", async () => {
    const wrong = "wrong-token-987654321";
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "hi",
      ...NUMBERS,
      "--url",
      ack.url,
      "--token",
      wrong,
      "--json",
    ]);
    expect(code).toBe(4);
    expect(JSON.parse(stdout).error.code).toBe("auth_failed");
    expect(stderr).toMatch(/Authentication failed/);
    expect(stderr).toMatch(/tokens match/);
    expect(stdout + stderr).not.toContain(wrong);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it("exits 5 when the supervisor is slower than --timeout", async () => {
    const slow = await recordingSupervisor({ delayMs: 5000 });
    try {
      const { code, stderr } = await runCli(["send-sms", "hi", ...NUMBERS, ...to(slow), "--timeout", "1500"]);
      expect(code).toBe(5);
      expect(stderr).toMatch(/Timed out after 1500 ms/);
      expect(stderr).toMatch(/--timeout/);
    } finally {
      await slow.handle.close();
    }
  });

  it("exits 1 when the supervisor answers error", async () => {
    const failing = await recordingSupervisor({
      responder: { name: "failing", respond: async () => ({ type: "error", message: "AI backend down" }) },
    });
    try {
      const { code, stdout, stderr } = await runCli(["send-sms", "hi", ...NUMBERS, ...to(failing), "--json"]);
      expect(code).toBe(1);
      expect(JSON.parse(stdout).error).toMatchObject({
        code: "supervisor_error",
        message: "Supervisor error: AI backend down",
      });
      expect(stderr).toContain("AI backend down");
    } finally {
      await failing.handle.close();
    }
  });
});

describe("send-sms load mode", () => {
  it("sends N events over one connection and ends stdout with the summary", async () => {
    const before = echo.ofType("sms_received").length;
    const started = performance.now();
    const { code, stdout } = await runCli([
      "send-sms",
      "load",
      ...NUMBERS,
      ...to(echo),
      "--count",
      "40",
      "--concurrency",
      "8",
      "--json",
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.trimEnd().split("\n").at(-1) ?? "");
    expect(summary).toMatchObject({ sent: 40, ok: 40, failed: 0, errors: {} });
    expect(summary.throughput_per_s).toBeGreaterThan(0);
    expect(Object.keys(summary.latency_ms)).toEqual(["p50", "p95", "p99", "max"]);
    // Milliseconds per event: more than nothing, less than the whole command took.
    expect(summary.latency_ms.p50).toBeGreaterThan(0);
    expect(summary.latency_ms.max).toBeLessThan(performance.now() - started);
    const frames = echo.received.slice(-41);
    expect(echo.ofType("sms_received").length - before).toBe(40);
    expect(new Set(frames.map((f) => f.connection)).size).toBe(1);
  });

  it("prints a human summary, without a progress bar when stderr is not a terminal", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "load",
      ...NUMBERS,
      ...to(ack),
      "--count",
      "5",
      "--rate",
      "1000",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("✔ 5/5 ok, 0 failed");
    expect(stdout).toMatch(/throughput [\d.]+\/s/);
    expect(stdout).toMatch(/latency {4}p50 [\d.]+ ms · p95 [\d.]+ ms · p99 [\d.]+ ms · max [\d.]+ ms/);
    expect(stderr).toBe("");
  });
});

describe("send-sms start-up", () => {
  it("loads neither ink nor react", async () => {
    const dir = tempDir();
    const log = join(dir, "loaded.txt");
    writeFileSync(log, "");
    const { code } = await runCli(["send-sms", "hi", ...NUMBERS, ...to(ack)], {
      nodeArgs: ["--import", RECORDER],
      env: { RECORD_MODULES_FILE: log },
    });
    expect(code).toBe(0);
    const loaded = readFileSync(log, "utf8").split("\n");
    expect(loaded.some((url) => url.includes("/dist/chunks/"))).toBe(true);
    expect(loaded.filter((url) => /node_modules\/(ink|react)\//.test(url))).toEqual([]);
    // What require() loaded imports its modules statically: none of them may be ink or react.
    const ours = loaded.filter((url) => url.includes("/dist/")).map((url) => fileURLToPath(url));
    const { packages } = withStaticImports([CLI_ENTRY, ...ours]);
    expect(packages.filter((name) => /^(ink|react)(\/|$)/.test(name))).toEqual([]);
  });
});

describe("send-sms output style", () => {
  it("colours with FORCE_COLOR and not with NO_COLOR", async () => {
    const [forced, none] = await Promise.all([
      runCli(["send-sms", "hi", "--from", "1", ...to(ack)], { env: { FORCE_COLOR: "1" } }),
      runCli(["send-sms", "hi", "--from", "1", ...to(ack)], { env: { NO_COLOR: "1" } }),
    ]);
    expect(forced.stderr).toMatch(ANSI);
    expect(none.stderr).not.toMatch(ANSI);
    expect([forced.code, none.code]).toEqual([2, 2]);
  });

  it("documents flags, examples and exit codes in --help", async () => {
    const { code, stdout } = await runCli(["send-sms", "--help"]);
    expect(code).toBe(0);
    for (const text of [
      "--message",
      "--from <phone>",
      "--count",
      "--rate",
      "--timeout",
      "Examples:",
      "Exit codes:",
      "5  timed out",
    ])
      expect(stdout).toContain(text);
  });
});
