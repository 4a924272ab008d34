import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { closeAll, type RecordingSupervisor, recordingSupervisor, TOKEN } from "./send-fixtures.js";

let ack: RecordingSupervisor;

beforeAll(async () => {
  ack = await recordingSupervisor({ responder: "ack" });
});
afterAll(() => closeAll(ack));

describe("--env-file", () => {
  it("reads the url, token and event defaults from the file (through the executable's shebang)", async () => {
    const dir = tempDir();
    const file = join(dir, "dev.env");
    writeFileSync(
      file,
      [
        `SUPERVISOR_URL=${ack.url}`,
        `SUPERVISOR_TOKEN=${TOKEN}`,
        "XSWARM_FROM_PHONE=+15551234567",
        "XSWARM_TO_PHONE=+15557654321",
        "XSWARM_USER=envfile-user",
      ].join("\n"),
    );
    const { code, stdout, stderr } = await runCli(["send-sms", "from the env file", "--env-file", file], {
      cwd: dir,
      shebang: true,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("✔ message_acknowledged");
    expect(ack.ofType("sms_received").at(-1)).toMatchObject({ user: "envfile-user", from: "+15551234567" });
  });

  it("names a missing file and exits 2 with one JSON error, instead of Node taking the flag", async () => {
    const { code, stdout, stderr } = await runCli([
      "send-sms",
      "hi",
      "--user",
      "u",
      "--from",
      "+15551234567",
      "--to",
      "+15557654321",
      "--env-file",
      "missing.env",
      "--json",
    ]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: "config_error", message: "--env-file: missing.env not found", hint: expect.any(String) },
    });
    expect(stderr).toContain("missing.env not found");
    expect(stderr).not.toContain("node:");
  });
});
