import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";
import { TmuxPane } from "../helpers/tmux.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// A clean environment: no CI variables (Ink draws nothing live in CI mode), no SUPERVISOR_* leaking in.
const cwd = tempDir();
const env = `env -i PATH=${quote(process.env.PATH ?? "")} HOME=${quote(cwd)} TERM=xterm-256color LANG=C.UTF-8`;
const watch = `${env} ${quote(process.execPath)} ${quote(BIN)} watch --embedded --port 0 --responder echo`;
const pane = new TmuxPane(`sh -c ${quote(`cd ${quote(cwd)}; ${watch}; echo "EXITED $?"; exec sleep 600`)}`);

let url = "";

beforeAll(async () => {
  pane.start();
  const screen = await pane.waitForText(/ws:\/\/127\.0\.0\.1:\d+ ● ready/, 15_000);
  url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] ?? "";
});

afterAll(() => pane.kill());

describe("xswarm-dev watch --embedded in a terminal (tmux, 80×24)", () => {
  it("shows an SMS sent from another process, and its reply", async () => {
    const sent = await runCli([
      "send-sms",
      "From another terminal",
      "--from",
      "+15551234567",
      "--to",
      "+15557654321",
      "--user",
      "outsider",
      "--url",
      url,
    ]);
    expect(sent.code).toBe(0);
    const screen = await pane.waitForText(/← ★ ai\s+outsider\s+↳ #\d+ .*"Echo \(xswarm/);
    const request = screen.split("\n").find((l) => l.includes('"From another terminal"')) ?? "";
    expect(request).toMatch(/→ ☎ sms\s+outsider/);
    const seq = /#(\d+)/.exec(request)?.[1];
    expect(screen).toMatch(new RegExp(`← ★ ai\\s+outsider\\s+↳ #${seq} `));
  });

  it("sends an SMS from the composer; it and its reply appear", async () => {
    pane.keys("s");
    await pane.waitForText("New SMS");
    pane.type("From the composer");
    await pane.waitForText("message From the composer");
    pane.keys("Enter");
    const screen = await pane.waitForText("SMS sent as demo: send_sms_response");
    const request = screen.split("\n").find((l) => l.includes('"From the composer"')) ?? "";
    const seq = /#(\d+)/.exec(request)?.[1];
    expect(request).toMatch(/→ ☎ sms\s+demo/);
    expect(screen).toMatch(new RegExp(`← ★ ai\\s+demo\\s+↳ #${seq} `));
  });

  it("opens and closes the help", async () => {
    pane.keys("?");
    await pane.waitForText("─ Keys ─");
    pane.keys("Escape");
    const screen = await pane.waitFor((s) => !s.includes("─ Keys ─"));
    expect(screen).toContain("From the composer");
  });

  it("fits the 80×24 terminal", () => {
    const lines = pane.capture().split("\n");
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]).toContain("xswarm-dev watch");
  });

  it("quits with q, exits 0 and leaves the terminal as it was", async () => {
    pane.keys("q");
    const screen = await pane.waitForText("EXITED 0");
    expect(screen).not.toContain("xswarm-dev watch");
    expect(pane.variable("alternate_on")).toBe("0");
    expect(pane.variable("cursor_flag")).toBe("1");
  });
});
