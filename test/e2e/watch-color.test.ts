import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEY_HELP } from "../../src/ui/state/keymap.js";
import { captureWithAttributes, readyUrl, watchPane } from "./watch-fixture.js";

const pane = watchPane("--embedded --port 0 --responder echo", { columns: 80, rows: 24 }, { NO_COLOR: "1" });

beforeAll(async () => {
  pane.start();
  await readyUrl(pane);
});

afterAll(() => pane.kill());

/** SGR colour parameters: 30-37, 38;…, 40-47, 48;…, 90-97, 100-107. */
const ESC = "\u001b";
const COLOUR = new RegExp(`${ESC}\\[(?:[0-9]*;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]*)*m`);
const INVERSE = new RegExp(`${ESC}\\[(?:[0-9]*;)*7m`);

describe("watch under NO_COLOR (tmux, 80×24)", () => {
  it("draws no colour at all, and keeps inverse for the cursor in a form", async () => {
    pane.keys("s");
    await pane.waitForText("New SMS");
    const screen = captureWithAttributes(pane);
    expect(screen).not.toMatch(COLOUR);
    expect(screen).toMatch(INVERSE);
    pane.keys("Escape");
    await pane.waitFor((s) => !s.includes("New SMS"));
    pane.keys("?");
    const help = await pane.waitForText("─ Keys ─");
    expect(captureWithAttributes(pane)).not.toMatch(COLOUR);
    // Every key of the help fits the 80×24 screen.
    for (const [keys] of KEY_HELP) expect(help).toContain(keys);
  });
});
