import { afterEach, describe, expect, it } from "vitest";
import { defaultReply, ProtocolServer, type Responder } from "../helpers/protocol-server.js";
import { runCli } from "../helpers/run-cli.js";

const NUMBERS = ["--from", "+15551234567", "--to", "+15559876543", "--user", "alice"];
const reminder = (user: string) => ({
  type: "send_sms_response",
  to: "+15550001111",
  message: "Reminder: dentist",
  user,
});
const REMINDER_SENT = {
  type: "reminder_sent",
  reminder_id: "r1",
  method: "sms",
  timestamp: "2025-01-15T10:30:00Z",
};

const servers: ProtocolServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(respond: Responder): Promise<string> {
  const server = await ProtocolServer.start({ respond });
  servers.push(server);
  return server.url;
}

describe("send-sms and reminder broadcasts", () => {
  it("a reminder for another user is not the reply; --verbose shows it as a reminder", async () => {
    const url = await serve((message, connection) => {
      connection.send(reminder("bob"));
      connection.send(REMINDER_SENT);
      return defaultReply(message);
    });
    const { code, stdout, stderr } = await runCli(["send-sms", "hi", ...NUMBERS, "--url", url, "--verbose"]);
    expect(code).toBe(0);
    expect(stdout).toContain("✔ message_acknowledged");
    expect(stdout).not.toContain("Reminder: dentist");
    expect(stderr).toContain(
      "reminder broadcast: send_sms_response to +15550001111 for user bob (not a reply: ignored)",
    );
    const quiet = await runCli(["send-sms", "hi", ...NUMBERS, "--url", url]);
    expect(quiet.stdout).toContain("✔ message_acknowledged");
    expect(quiet.stderr).toBe("");
  });

  it("three concurrent send-sms: each gets its own reply; only alice's cannot be told apart, and --verbose says so", async () => {
    let waiting = 0;
    let release: () => void = () => {};
    const all = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(async (message) => {
      if (++waiting === 3) {
        for (const c of connections()) c.send(reminder("alice"));
        release();
      }
      await all;
      return defaultReply(message);
    });
    const connections = () => servers[0]?.connections ?? [];
    const runs = await Promise.all(
      ["alice", "bob", "carol"].map((user) =>
        runCli([
          "send-sms",
          "hi",
          "--from",
          "+15551234567",
          "--to",
          "+15559876543",
          "--user",
          user,
          "--url",
          url,
          "--verbose",
        ]),
      ),
    );
    const [alice, bob, carol] = runs;
    for (const run of [bob, carol]) {
      expect(run?.code).toBe(0);
      expect(run?.stdout).toContain("✔ message_acknowledged");
      expect(run?.stderr).toContain("(not a reply: ignored)");
    }
    expect(alice?.stdout).toContain("✔ send_sms_response to +15550001111 (user alice)");
    expect(alice?.stderr).toContain("a reminder broadcast for this user would look the same as this reply");
  });
});
