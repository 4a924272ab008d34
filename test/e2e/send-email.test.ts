import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run-cli.js";
import {
  closeAll,
  closedPort,
  type RecordingSupervisor,
  recordingSupervisor,
  startAckAndEcho,
  to,
} from "./send-fixtures.js";

const ADDRESSES = ["--from", "bob@example.com", "--to", "boss@example.com", "--user", "bob"];

let ack: RecordingSupervisor;
let echo: RecordingSupervisor;

beforeAll(async () => {
  [ack, echo] = await startAckAndEcho();
});
afterAll(() => closeAll(ack, echo));

describe("send-email against the embedded supervisor", () => {
  it("shows the acknowledgement and sends what was given", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-email",
      ...ADDRESSES,
      "--subject",
      "Status",
      "--body",
      "All green",
      ...to(ack),
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("→ email_received  bob@example.com → boss@example.com  user bob");
    expect(stdout).toContain("subject: Status · body 9 characters");
    expect(stdout).toContain("✔ message_acknowledged");
    expect(stdout).toMatch(/type {7}email/);
    expect(stdout).toMatch(/round trip \d+(\.\d)? ms/);
    expect(ack.ofType("email_received").at(-1)).toEqual({
      type: "email_received",
      from: "bob@example.com",
      to: "boss@example.com",
      subject: "Status",
      body: "All green",
      user: "bob",
    });
  });

  it("shows a response with its subject and body", async () => {
    const { code, stdout } = await runCli([
      "send-email",
      ...ADDRESSES,
      "--subject",
      "Report",
      "--body",
      "Numbers are up",
      ...to(echo),
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✔ send_email_response to bob@example\.com \(user bob\) in \d+(\.\d)? ms/);
    expect(stdout).toMatch(/subject {4}Re: Report/);
    expect(stdout).toMatch(/body\n {4}\S/);
    expect(stdout).toContain("Numbers are up");
  });

  it("with --json prints request, reply and latency, and nothing else on stdout", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-email",
      ...ADDRESSES,
      "--subject",
      "J",
      "--body",
      "B",
      ...to(echo),
      "--json",
    ]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const doc = JSON.parse(stdout);
    expect(doc.request).toEqual({
      type: "email_received",
      from: "bob@example.com",
      to: "boss@example.com",
      subject: "J",
      body: "B",
      user: "bob",
    });
    expect(doc.reply).toMatchObject({ type: "send_email_response", subject: "Re: J", to: "bob@example.com" });
    expect(doc.latency_ms).toBeTypeOf("number");
    expect(stderr).toContain("send_email_response");
  });

  it("reads the body from a file, and from stdin with --body -", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "body.txt"), "From a file\nsecond line\n");
    const [file, stdin] = await Promise.all([
      runCli(["send-email", ...ADDRESSES, "--subject", "F", "--body-file", "body.txt", ...to(ack)], { cwd }),
      runCli(["send-email", ...ADDRESSES, "--subject", "S", "--body", "-", ...to(ack)], { stdin: "Piped\n" }),
    ]);
    expect([file.code, stdin.code]).toEqual([0, 0]);
    const bodies = Object.fromEntries(ack.ofType("email_received").map((f) => [f.subject, f.body]));
    expect(bodies.F).toBe("From a file\nsecond line\n");
    expect(bodies.S).toBe("Piped");
  });

  it("takes the addresses and user from the environment", async () => {
    const { code } = await runCli(["send-email", "--subject", "Env", "--body", "x", ...to(ack)], {
      env: {
        XSWARM_FROM_EMAIL: "env-from@example.com",
        XSWARM_TO_EMAIL: "env-to@example.com",
        XSWARM_USER: "envy",
      },
    });
    expect(code).toBe(0);
    expect(ack.ofType("email_received").at(-1)).toMatchObject({
      from: "env-from@example.com",
      to: "env-to@example.com",
      user: "envy",
    });
  });
});

describe("send-email refuses bad input with exit 2, sending nothing", () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      "bob@",
      ["--from", "bob@", "--to", "boss@example.com", "--user", "b", "--subject", "s", "--body", "b"],
      /--from: "bob@" is not an email address: no domain after the @/,
    ],
    ["an empty subject", [...ADDRESSES, "--subject", " ", "--body", "b"], /--subject must not be empty/],
    ["no subject", [...ADDRESSES, "--body", "b"], /--subject is required/],
    ["no body", [...ADDRESSES, "--subject", "s"], /body is required: pass --body <text>, --body-file <path>/],
    [
      "--body and --body-file",
      [...ADDRESSES, "--subject", "s", "--body", "b", "--body-file", "x.txt"],
      /--body and --body-file: give the body only once/,
    ],
    [
      "a missing --body-file",
      [...ADDRESSES, "--subject", "s", "--body-file", "nope.txt"],
      /--body-file: cannot read nope\.txt: no such file/,
    ],
    [
      "an invalid --to from the environment",
      ["--subject", "s", "--body", "b", "--from", "a@example.com", "--user", "u"],
      /--to \(from XSWARM_TO_EMAIL\): "boss" is not an email address/,
    ],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const before = ack.received.length;
    const { code, stdout, stderr } = await runCli(["send-email", ...args, ...to(ack)], {
      env: { XSWARM_TO_EMAIL: "boss" },
    });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("nothing was sent");
    expect(ack.received.length).toBe(before);
  });
});

describe("send-email when the link fails, and in load mode", () => {
  it("exits 3 on a closed port with a JSON error", async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await runCli([
      "send-email",
      ...ADDRESSES,
      "--subject",
      "s",
      "--body",
      "b",
      "--url",
      `ws://127.0.0.1:${port}`,
      "--json",
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        code: "connection_refused",
        message: `Connection refused (ws://127.0.0.1:${port})`,
        hint: expect.stringContaining("xswarm-dev supervisor"),
      },
    });
    expect(stderr).toContain("Connection refused");
  });

  it("counts every event in the summary and exits 0", async () => {
    const { code, stdout } = await runCli([
      "send-email",
      ...ADDRESSES,
      "--subject",
      "L",
      "--body",
      "b",
      ...to(echo),
      "--count",
      "25",
      "--concurrency",
      "5",
      "--rate",
      "2000",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trimEnd().split("\n").at(-1) ?? "")).toMatchObject({
      sent: 25,
      ok: 25,
      failed: 0,
      errors: {},
    });
  });

  it("counts timeouts by kind and exits 5 when every failure is a timeout", async () => {
    const slow = await recordingSupervisor({ delayMs: 10_000 });
    try {
      const { code, stdout, stderr } = await runCli([
        "send-email",
        ...ADDRESSES,
        "--subject",
        "T",
        "--body",
        "b",
        ...to(slow),
        "--timeout",
        "1500",
        "--count",
        "3",
        "--concurrency",
        "3",
        "--json",
      ]);
      expect(code).toBe(5);
      const summary = JSON.parse(stdout.trimEnd().split("\n").at(-1) ?? "");
      expect(summary).toMatchObject({ sent: 3, ok: 0, failed: 3, errors: { timeout: 3 } });
      expect(stderr).toContain("✖ 0/3 ok, 3 failed");
      expect(stderr).toContain("no replies");
    } finally {
      await slow.handle.close();
    }
  });

  it("documents its flags and examples in --help", async () => {
    const { code, stdout } = await runCli(["send-email", "--help"]);
    expect(code).toBe(0);
    for (const text of [
      "--subject <text>",
      "--body-file <path>",
      "--concurrency",
      "Examples:",
      "Exit codes:",
    ])
      expect(stdout).toContain(text);
  });
});
