import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPhone } from "../../src/send/phone.js";
import { runCli } from "../helpers/run-cli.js";
import type { TmuxPane } from "../helpers/tmux.js";
import { readyUrl, watchPane } from "./watch-fixture.js";

/** The right-hand panel's text (details or composer) of a side-by-side screen, its lines joined. */
function panelText(screen: string, columns: number): string {
  const start = Math.floor(columns * 0.55) + 1;
  return screen
    .split("\n")
    .map((line) => Array.from(line).slice(start).join("").trim())
    .join(" ")
    .replace(/\s+/g, " ");
}

/** The feed's text (left of the panel), its lines joined. */
function feedText(screen: string, columns: number): string[] {
  const end = Math.floor(columns * 0.55);
  return screen.split("\n").map((line) => Array.from(line).slice(0, end).join("").trimEnd());
}

describe.each([
  { columns: 120, rows: 30 },
  { columns: 200, rows: 50 },
])("watch on a wide terminal ($columns×$rows): nothing that matters is cut", (size) => {
  let pane: TmuxPane;
  let url = "";

  beforeAll(async () => {
    pane = watchPane("--embedded --port 0 --responder echo", size);
    pane.start();
    url = await readyUrl(pane);
  });

  afterAll(() => pane.kill());

  it("shows the start hint's command whole, in lines a shell can take", () => {
    const lines = feedText(pane.capture(), size.columns).filter((l) => l.trim() !== "");
    const start = lines.findIndex((l) => l.includes("npx xswarm-dev send-sms"));
    expect(start).toBeGreaterThan(-1);
    const command = [];
    for (const line of lines.slice(start)) {
      command.push(line.trim());
      if (!line.endsWith(" \\")) break;
    }
    expect(command.join(" ").replace(/ \\ /g, " ")).toBe(
      `npx xswarm-dev send-sms "Hello boss" --from +15555550100 --to +15555550199 --user alice --url ${url}`,
    );
  });

  it("shows a composer error whole", async () => {
    pane.keys("s");
    await pane.waitForText("New SMS");
    pane.keys("BTab", "BTab", "BTab", "C-u");
    pane.type("+1 555 12");
    pane.keys("Enter");
    const reason = checkPhone("+1 555 12");
    expect(reason.ok).toBe(false);
    const screen = await pane.waitForText("✗ from:");
    expect(panelText(screen, size.columns)).toContain(`✗ from: ${reason.ok ? "" : reason.reason}`);
    pane.keys("Escape");
    await pane.waitFor((s) => !s.includes("New SMS"));
  });

  it("shows the details title whole: type, direction, time, the request it answers and the latency", async () => {
    const sent = await runCli([
      "send-sms",
      "Wide",
      "--from",
      "+15551234567",
      "--to",
      "+15557654321",
      "--user",
      "wide",
      "--url",
      url,
    ]);
    expect(sent.code).toBe(0);
    const screen = await pane.waitForText(/★ ai\s+wide/);
    const reply = screen.split("\n").find((l) => /★ ai\s+wide/.test(l)) ?? "";
    const replyTo = /↳ #(\d+)/.exec(reply)?.[1];
    const panel = panelText(await pane.waitForText("send_sms_response ·"), size.columns);
    expect(panel).toMatch(
      new RegExp(
        `─ #\\d+ send_sms_response · supervisor → c\\d+ · \\S+Z · reply to #${replyTo} in [\\d.]+ m?s`,
      ),
    );
  });
});
