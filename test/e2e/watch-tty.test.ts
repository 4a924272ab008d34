import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers/run-cli.js";
import { TmuxPane } from "../helpers/tmux.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `watch --embedded` in its own tmux pane (80×24), ready to use. A clean environment: no CI variables
 * (Ink draws nothing live in CI mode), no SUPERVISOR_* leaking in. After the dashboard exits, the pane
 * prints `EXITED <code>` and stays open.
 */
async function startWatch(): Promise<{ pane: TmuxPane; url: string }> {
  const cwd = tempDir();
  const env = `env -i PATH=${quote(process.env.PATH ?? "")} HOME=${quote(cwd)} TERM=xterm-256color LANG=C.UTF-8`;
  const watch = `${env} ${quote(process.execPath)} ${quote(BIN)} watch --embedded --port 0 --responder echo`;
  const pane = new TmuxPane(`sh -c ${quote(`cd ${quote(cwd)}; ${watch}; echo "EXITED $?"; exec sleep 600`)}`);
  pane.start();
  const screen = await pane.waitForText(/ws:\/\/127\.0\.0\.1:\d+ ● ready/, 15_000);
  return { pane, url: /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] ?? "" };
}

const sendSms = (url: string, text: string, user: string) =>
  runCli(["send-sms", text, "--from", "+15551234567", "--to", "+15557654321", "--user", user, "--url", url]);

// Each test leaves the dashboard as it found it (no form or overlay open), so that any one of them can
// run alone or in any order; the test that quits has a dashboard of its own.
describe("xswarm-dev watch --embedded in a terminal (tmux, 80×24)", () => {
  let pane: TmuxPane;
  let url = "";
  beforeAll(async () => {
    ({ pane, url } = await startWatch());
  });
  afterAll(() => pane.kill());

  it("shows an SMS sent from another process, and its reply", async () => {
    expect((await sendSms(url, "From another terminal", "outsider")).code).toBe(0);
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
    expect(screen).not.toContain("New SMS");
    const request = screen.split("\n").find((l) => l.includes('"From the composer"')) ?? "";
    const seq = /#(\d+)/.exec(request)?.[1];
    expect(request).toMatch(/→ ☎ sms\s+demo/);
    expect(screen).toMatch(new RegExp(`← ★ ai\\s+demo\\s+↳ #${seq} `));
    // Esc dismisses the notice (else it stays 6 s): the key hints are back on the bottom line.
    pane.keys("Escape");
    await pane.waitForText("q quit");
  });

  it("opens the help over the feed and closes it with Escape, the feed back as it was", async () => {
    const feedRows = (screen: string) => screen.split("\n").filter((l) => /^\d\d:\d\d:\d\d #\d+ /.test(l));
    const before = await pane.waitFor((s) => feedRows(s).length > 0 && s.includes("q quit"));
    pane.keys("?");
    const help = await pane.waitForText("─ Keys ─");
    expect(help).toMatch(/q, Ctrl-C\s+this help .*\/ quit/);
    expect(feedRows(help)).toEqual([]);
    pane.keys("Escape");
    const after = await pane.waitFor((s) => !s.includes("─ Keys ─"));
    for (const row of feedRows(before)) expect(after.split("\n")).toContain(row);
  });

  it("fits 80×24: title on the first row, keys on the last, long lines cut with … rather than wrapped", async () => {
    const long = `Long ${"x".repeat(150)} END`;
    expect((await sendSms(url, long, "wide")).code).toBe(0);
    const screen = await pane.waitForText(/← ★ ai\s+wide\s+↳/);
    const lines = screen.split("\n");
    expect(lines[0]).toMatch(/^xswarm-dev watch ws:\/\/127\.0\.0\.1:\d+ ● ready/);
    expect(lines.findLast((l) => l.trim() !== "")).toMatch(/^\? help · .* · q quit$/);
    const row = lines.findIndex((l) => /→ ☎ sms\s+wide/.test(l));
    expect(lines[row]).toMatch(/"Long x+…$/);
    // A wrapped line would continue on the next row; the request's reply row follows instead.
    expect(lines[row + 1]).not.toMatch(/^x/);
    expect(screen).not.toContain("END");
  });
});

describe("xswarm-dev watch quitting in a terminal (tmux)", () => {
  let pane: TmuxPane | undefined;
  afterAll(() => pane?.kill());

  it("quits with q, exits 0 and leaves the terminal as it was", async () => {
    ({ pane } = await startWatch());
    expect(pane.variable("alternate_on")).toBe("1");
    pane.keys("q");
    const screen = await pane.waitForText("EXITED 0");
    expect(screen).not.toContain("xswarm-dev watch");
    expect(pane.variable("alternate_on")).toBe("0");
    expect(pane.variable("cursor_flag")).toBe("1");
  });
});
