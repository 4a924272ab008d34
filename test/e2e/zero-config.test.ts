import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITY } from "../../src/config/demo.js";
import { runCli } from "../helpers/run-cli.js";
import { closeAll, type RecordingSupervisor, recordingSupervisor, TOKEN } from "./send-fixtures.js";

let supervisor: RecordingSupervisor;
beforeAll(async () => {
  supervisor = await recordingSupervisor({ responder: "echo" });
});
afterAll(() => closeAll(supervisor));

/** As on a fresh clone: only where the supervisor is, nothing about phones, addresses or users. */
const env = () => ({ SUPERVISOR_URL: supervisor.url, SUPERVISOR_TOKEN: TOKEN });

describe("sending with nothing configured", () => {
  it('send-sms "Hello boss" --user alice uses the demo numbers and says so in one line', async () => {
    const { code, stdout, stderr } = await runCli(["send-sms", "Hello boss", "--user", "alice"], {
      env: env(),
    });
    expect(code).toBe(0);
    expect(stdout).toContain("Hello boss");
    const notes = stderr.split("\n").filter((line) => line.includes("demo identity"));
    expect(notes).toEqual([
      `Nothing configured, so the demo identity is used: --from ${DEMO_IDENTITY.fromPhone}, --to ${DEMO_IDENTITY.toPhone} (set XSWARM_FROM_PHONE, XSWARM_TO_PHONE, or pass the flags, for your own).`,
    ]);
    expect(supervisor.ofType("sms_received").at(-1)).toMatchObject({
      from: DEMO_IDENTITY.fromPhone,
      to: DEMO_IDENTITY.toPhone,
      user: "alice",
      message: "Hello boss",
    });
  });

  it('send-sms "Hi" --json prints one JSON document with latency_ms; the note stays on stderr', async () => {
    const { code, stdout, stderr } = await runCli(["send-sms", "Hi", "--json"], { env: env() });
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { latency_ms: number; request: { user: string } };
    expect(typeof document.latency_ms).toBe("number");
    expect(document.request.user).toBe(DEMO_IDENTITY.user);
    expect(stderr).toContain("--user demo");
  });

  it("send-email fills only what is missing", async () => {
    const { code, stderr } = await runCli(["send-email", "--subject", "Hi", "--body", "Free at 3?"], {
      env: { ...env(), XSWARM_FROM_EMAIL: "bob@example.com" },
    });
    expect(code).toBe(0);
    expect(stderr).toContain(`demo identity is used: --to ${DEMO_IDENTITY.toEmail}, --user demo`);
    expect(stderr).not.toContain(DEMO_IDENTITY.fromEmail);
    expect(supervisor.ofType("email_received").at(-1)).toMatchObject({
      from: "bob@example.com",
      to: DEMO_IDENTITY.toEmail,
    });
  });

  it("says nothing when everything is configured", async () => {
    const { code, stderr } = await runCli(
      ["send-sms", "hi", "--from", "+15551234567", "--to", "+15557654321", "--user", "a"],
      { env: env() },
    );
    expect(code).toBe(0);
    expect(stderr).not.toContain("demo identity");
  });
});
