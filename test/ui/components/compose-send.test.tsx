import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { SupervisorClient } from "../../../src/client/supervisor-client.js";
import { App } from "../../../src/ui/App.js";
import { DEMO_MEMORY } from "../../../src/ui/state/composer.js";
import { EmbeddedSource } from "../../../src/watch/embedded-source.js";
import { KEYS, press, waitForFrame, waitForText } from "../../helpers/press.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function mountEmbedded() {
  const source = new EmbeddedSource({
    supervisor: { port: 0, logFile: null, responder: "echo" },
    createClient: (url) => new SupervisorClient({ url, heartbeatIntervalMs: 0 }),
  });
  source.holdBacklog();
  await source.start();
  cleanups.push(() => source.close());
  const app = render(<App source={source} memory={DEMO_MEMORY} flushIntervalMs={5} />);
  cleanups.push(() => app.unmount());
  await waitForText(app, "ready");
  return { app, source };
}

// Waits for the text, not for a frame per key: a space typed at the end changes no frame (lines
// are drawn without their trailing spaces), and no clock ticks each second to draw the next one.
async function type(app: Parameters<typeof press>[0], text: string) {
  for (const ch of text) app.stdin.write(ch);
  await waitForText(app, text);
}

describe("the composer, sending through an embedded supervisor", () => {
  it("sends an SMS typed in the form; the request and its reply appear in the feed", async () => {
    const { app } = await mountEmbedded();
    await press(app, "s");
    await type(app, "Hi boss");
    await press(app, KEYS.enter);
    await waitForText(app, "SMS sent as demo: send_sms_response");
    // The notice can come a frame before the feed's batch with the request and its reply.
    const frame = await waitForFrame(app, (f) => f.includes('"Hi boss"') && f.includes("★ ai"));
    const lines = frame.split("\n");
    const request = lines.find((l) => l.includes('"Hi boss" +15555550100 → +15555550199')) ?? "";
    const seq = /#(\d+)/.exec(request)?.[1];
    expect(seq).toBeDefined();
    const reply = lines.find((l) => l.includes(`↳ #${seq}`)) ?? "";
    expect(reply).toContain("★ ai");
    expect(reply).toContain("Echo");
  });

  it("sends an email with Ctrl-S (Enter is a new line in the body); the next form keeps the addresses only", async () => {
    const { app } = await mountEmbedded();
    await press(app, "e");
    await type(app, "Lunch?");
    await press(app, KEYS.tab);
    await type(app, "At noon");
    await press(app, KEYS.enter);
    await type(app, "Bring a pen");
    await press(app, "\u0013");
    await waitForText(app, "Email sent as demo: send_email_response");
    const sent = await waitForText(app, '"Re: Lunch?"');
    expect(sent).toContain("At noon ⏎ Bring a pen");
    const again = await press(app, "e");
    expect(again).toMatch(/from\s+demo@example\.com/);
    expect(again).not.toContain("Lunch?\n");
    expect(again).toMatch(/› subject\s*\n/);
  });
});
