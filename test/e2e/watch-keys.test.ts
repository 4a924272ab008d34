import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { captureWithAttributes, readyUrl, tmux, watchPane } from "./watch-fixture.js";

const pane = watchPane("--embedded --port 0 --responder echo");
let url = "";

beforeAll(async () => {
  pane.start();
  // Let the dashboard's OSC 52 reach tmux's paste buffers, as a terminal's clipboard would.
  tmux(pane, "set-option", "-g", "set-clipboard", "on");
  url = await readyUrl(pane);
});

afterAll(() => pane.kill());

/** The lines of the screen that show the composer's fields. */
const field = (screen: string, name: string) =>
  screen.split("\n").find((l) => new RegExp(`^[› ] ${name}\\s`).test(l)) ?? "";

describe("watch in tmux (80×24): keys, copy and resend", () => {
  it("acts on every key of a burst: three Backspaces, then two Tabs, each take effect", async () => {
    pane.keys("s");
    await pane.waitForText("New SMS");
    pane.type("abcdef");
    await pane.waitForText("message abcdef");
    pane.keys("BSpace", "BSpace", "BSpace");
    const screen = await pane.waitFor((s) => /message abc\s*$/m.test(field(s, "message")));
    expect(field(screen, "message")).toMatch(/^› message abc\s*$/);
    pane.keys("Tab", "Tab");
    const moved = await pane.waitFor((s) => field(s, "to").startsWith("›"));
    expect(field(moved, "to")).toMatch(/^› to/);
    pane.keys("Escape");
    await pane.waitFor((s) => !s.includes("New SMS"));
  });

  it("y puts the selected event on the clipboard as JSON (OSC 52)", async () => {
    const sent = await runCli([
      "send-sms",
      "Copy me",
      "--from",
      "+15551234567",
      "--to",
      "+15557654321",
      "--user",
      "copier",
      "--url",
      url,
    ]);
    expect(sent.code).toBe(0);
    await pane.waitForText(/★ ai\s+copier/);
    pane.keys("k");
    await pane.waitForText(/^.*→ ☎ sms\s+copier.*$/m);
    pane.keys("y");
    await pane.waitForText("Copied #");
    const copied = JSON.parse(tmux(pane, "show-buffer")) as { frame: { message: string; user: string } };
    expect(copied.frame).toMatchObject({ message: "Copy me", user: "copier" });
  });

  it("Y copies the command that sends it again; R sends it again", async () => {
    pane.keys("Y");
    await pane.waitForText("Copied the command");
    const command = tmux(pane, "show-buffer");
    expect(command).toBe(
      `xswarm-dev send-sms 'Copy me' --from +15551234567 --to +15557654321 --user copier --url ${url}`,
    );
    pane.keys("R");
    const screen = await pane.waitForText(/sent again: send_sms_response/);
    expect(screen.split("\n").filter((l) => l.includes('"Copy me"') && l.includes("→ ☎ sms")).length).toBe(2);
  });

  it("draws colours when NO_COLOR is not set (the counterpart of the NO_COLOR test)", () => {
    expect(captureWithAttributes(pane)).toMatch(new RegExp(`${"\u001b"}\\[[0-9;]*3[1-7]m`));
  });

  it("quits with q and exits 0", async () => {
    pane.keys("q");
    await pane.waitForText("EXITED 0");
  });
});
