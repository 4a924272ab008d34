import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../../src/ui/App.js";
import { DEMO_MEMORY } from "../../../src/ui/state/composer.js";
import { HandSource } from "../../helpers/fake-source.js";
import { frameOf, KEYS, press, waitForFrame, waitForText } from "../../helpers/press.js";
import { ack, ping, sms, trafficEntry } from "../../helpers/traffic-entries.js";

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

function mount(source = new HandSource(), memory = DEMO_MEMORY) {
  const app = render(<App source={source} memory={memory} flushIntervalMs={5} />);
  mounted.push(app);
  return { app, source };
}

/** Sets the fake terminal's size and tells Ink, as a real resize does. */
function resize(app: ReturnType<typeof render>, columns: number, rows: number) {
  Object.defineProperty(app.stdout, "columns", { configurable: true, get: () => columns });
  Object.defineProperty(app.stdout, "rows", { configurable: true, get: () => rows });
  app.stdout.emit("resize");
}

describe("App", () => {
  it("shows the URL, the connection state, the source and a hint while the feed is empty", async () => {
    const { app } = mount();
    const frame = await waitForText(app, "ready");
    expect(frame).toContain("ws://127.0.0.1:9999");
    expect(frame).toContain("embedded supervisor");
    expect(frame).toContain("responder echo");
    expect(frame).toContain("Press s to send an SMS");
  });

  it("lists events with arrows and types, and links a reply to its request with its latency", async () => {
    const { app, source } = mount();
    const request = sms("Hi there", "alice");
    source.push(request, ack(request.seq, 12.5));
    const frame = await waitForText(app, `↳ #${request.seq}`);
    const lines = frame.split("\n");
    const requestLine = lines.find((l) => l.includes("Hi there")) ?? "";
    const replyLine = lines.find((l) => l.includes(`↳ #${request.seq}`)) ?? "";
    expect(requestLine).toMatch(new RegExp(`#${request.seq}\\s+c1\\s+→ ☎ sms\\s+alice`));
    expect(replyLine).toContain(`← ✓ ack`);
    expect(replyLine).toContain(`↳ #${request.seq} 13 ms`);
  });

  it("selects with k/j and shows the selected event's JSON", async () => {
    const { app, source } = mount();
    source.push(sms("first"), sms("second"));
    await waitForText(app, '"message": "second"');
    const frame = await press(app, "k");
    expect(frame).toContain('"message": "first"');
    expect(await press(app, "j")).toContain('"message": "second"');
    expect(await press(app, KEYS.up)).toContain('"message": "first"');
  });

  it("opens and closes the help overlay", async () => {
    const { app } = mount();
    await waitForText(app, "ready");
    const help = await press(app, "?");
    expect(help).toContain("─ Keys ─");
    expect(help).toContain("reconnect now");
    const closed = await press(app, KEYS.escape);
    expect(closed).not.toContain("─ Keys ─");
  });

  it("pauses: the feed keeps collecting and says how many arrived", async () => {
    const { app, source } = mount();
    source.push(sms("before"));
    await waitForText(app, "before");
    await press(app, "p");
    source.push(sms("during 1"), sms("during 2"), ping());
    const frame = await waitForText(app, "2 new while paused");
    expect(frame).not.toContain("during 1");
    const resumed = await press(app, "p");
    expect(resumed).toContain("during 2");
    expect(resumed).not.toContain("new while paused");
  });

  it("filters by text as it is typed, and Esc clears the filter", async () => {
    const { app, source } = mount();
    source.push(sms("from alice", "alice"), sms("from bob", "bob"));
    await waitForText(app, "from bob");
    await press(app, "/");
    for (const ch of "bob") await press(app, ch);
    const filtered = await press(app, KEYS.enter);
    expect(filtered).toContain("filter: bob");
    expect(filtered).not.toContain("from alice");
    // Not `press`: the uptime's tick may be the next frame that differs (Ink waits a moment after Esc).
    app.stdin.write(KEYS.escape);
    const cleared = await waitForFrame(app, (f) => !f.includes("filter: bob"));
    expect(cleared).toContain("from alice");
  });

  it("clears the feed with c and asks the source to reconnect with r", async () => {
    const { app, source } = mount();
    source.push(sms("old news"));
    await waitForText(app, "old news");
    expect(await press(app, "c")).not.toContain("old news");
    expect(await press(app, "r")).toContain("Reconnecting now");
    expect(source.reconnects).toBe(1);
  });

  it("shows inline validation errors and sends nothing invalid", async () => {
    const { app } = mount(new HandSource(), {
      sms: { from: "555-1234", to: "+15555550199", user: "demo" },
      email: {},
    });
    await waitForText(app, "ready");
    const form = await press(app, "s");
    expect(form).toContain("New SMS");
    const invalid = await press(app, KEYS.enter);
    expect(invalid).toContain("✗ from:");
    expect(invalid).toContain("must start with +");
    expect(invalid).toContain("✗ message: message must not be empty");
    expect(frameOf(app)).toContain("New SMS");
    const cancelled = await press(app, KEYS.escape);
    expect(cancelled).not.toContain("New SMS");
  });

  it("tells the connection state, counting down a reconnect", async () => {
    const { app, source } = mount();
    await waitForText(app, "ready");
    source.setState({ status: "reconnecting", attempt: 3, delayMs: 4000 });
    const frame = await waitForText(app, "attempt 3");
    expect(frame).toMatch(/reconnecting in [34] s, attempt 3/);
    source.setState({
      status: "auth_failed",
      message: "Authentication failed: Invalid authentication token",
    });
    const failed = await waitForText(app, "auth failed: Invalid authentication token");
    expect(failed).toContain("The tokens must match on both sides");
  });

  it("says how to start a supervisor while none answers", async () => {
    const waiting = { status: "reconnecting", attempt: 1, delayMs: 1000 } as const;
    const source = new HandSource(
      "ws://127.0.0.1:9999",
      { kind: "pending", label: "source not known yet" },
      waiting,
    );
    const { app } = mount(source);
    const frame = await waitForText(app, "No supervisor answers at ws://127.0.0.1:9999 yet");
    expect(frame).toContain("xswarm-dev supervisor");
  });

  it("says so in the header when the supervisor has no traffic feed", async () => {
    const source = new HandSource("ws://127.0.0.1:9999", { kind: "pending", label: "connecting" });
    const { app } = mount(source);
    source.setSourceStatus({
      kind: "own",
      label: "own connection",
      detail: "no traffic feed here: run `xswarm-dev tap`",
    });
    const frame = await waitForText(app, "own connection");
    expect(frame).toContain("xswarm-dev tap");
  });

  it("fits 80×24 and adapts to a resize", async () => {
    const { app, source } = mount();
    source.push(
      sms("x".repeat(200)),
      trafficEntry({ type: "error", message: "y".repeat(300) }, { direction: "out" }),
    );
    resize(app, 80, 24);
    const small = await waitForFrame(
      app,
      (f) => f.includes("yyy") && f.split("\n").every((l) => l.length <= 80),
    );
    expect(small.split("\n").length).toBeLessThanOrEqual(23);
    resize(app, 140, 40);
    const wide = await waitForFrame(app, (f) => f.split("\n").some((l) => l.length > 100));
    expect(wide.split("\n").length).toBeLessThanOrEqual(39);
    // Side by side: a feed line and the details pane share a line.
    expect(wide.split("\n").some((l) => l.includes("error") && l.includes("─ #"))).toBe(true);
  });
});
