import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App, type AppProps } from "../../../src/ui/App.js";
import { DEMO_MEMORY } from "../../../src/ui/state/composer.js";
import { HandSource } from "../../helpers/fake-source.js";
import { frameOf, KEYS, press, waitForFrame, waitForText } from "../../helpers/press.js";
import { ack, sms, trafficEntry } from "../../helpers/traffic-entries.js";

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

const STILL = Date.parse("2025-01-15T10:31:00.000Z");

function mount(source = new HandSource(), props: Partial<AppProps> = {}) {
  const copied: string[] = [];
  // A clock that stands still: no uptime tick makes a frame that `press` would take for the key's.
  const app = render(
    <App
      source={source}
      memory={DEMO_MEMORY}
      flushIntervalMs={5}
      now={() => STILL}
      io={{ copy: (t) => copied.push(t) }}
      {...props}
    />,
  );
  mounted.push(app);
  return { app, source, copied };
}

const email = (subject: string, body: string) =>
  trafficEntry({
    type: "email_received",
    from: "a@example.com",
    to: "b@example.com",
    subject,
    body,
    user: "bob",
  });

describe("keys that arrive together (one read)", () => {
  it("acts on each of three Backspaces and two Tabs in a burst", async () => {
    const { app } = mount();
    await press(app, "s");
    await press(app, "abcdef");
    await waitForText(app, "message abcdef");
    const frame = await press(app, "\u007f\u007f\u007f");
    expect(frame).toMatch(/message abc\s/);
    await press(app, "\t\t");
    expect(frameOf(app)).toMatch(/› to\s/);
  });

  it("runs browse keys of a burst in order: opening the form then typing into it", async () => {
    const { app } = mount();
    await press(app, "sHi");
    expect(await waitForText(app, "message Hi")).toContain("New SMS");
  });
});

describe("the composer's editor", () => {
  it("edits in the middle of the text (←, Ctrl-A, Ctrl-K, Ctrl-W)", async () => {
    const { app } = mount();
    await press(app, "s");
    await press(app, "helo world");
    // A cursor move changes no text of the frame (only where the inverse cell is): write, then wait for text.
    for (let i = 0; i < 7; i++) app.stdin.write("\u001b[D");
    app.stdin.write("l");
    expect(await waitForText(app, "hello world")).toContain("message hello world");
    app.stdin.write("\u0005"); // Ctrl-E
    app.stdin.write("\u0017"); // Ctrl-W
    expect(await waitForFrame(app, (f) => !f.includes("world"))).toMatch(/message hello\s/);
    app.stdin.write("\u0001"); // Ctrl-A
    app.stdin.write("\u000b"); // Ctrl-K
    expect(await waitForFrame(app, (f) => !f.includes("message hello"))).toMatch(/› message\s/);
  });

  it("keeps pasted line breaks in an email body, and turns them into spaces in a subject", async () => {
    const { app } = mount();
    await press(app, "e");
    await press(app, "\u001b[200~two\nwords\u001b[201~");
    expect(await waitForText(app, "subject two words")).toBeTruthy();
    await press(app, KEYS.tab);
    await press(app, "\u001b[200~line one\nline two\u001b[201~");
    const frame = await waitForText(app, "line two");
    expect(frame).toMatch(/body\s+line one\n\s+line two/);
  });

  it("Ctrl-O edits the body in $EDITOR (the App's editor function)", async () => {
    const seen: string[] = [];
    const { app } = mount(new HandSource(), {
      io: {
        copy: () => {},
        editText: async (t) => {
          seen.push(t);
          return `${t}from the editor\nsecond line\n`;
        },
      },
    });
    await press(app, "e");
    await press(app, "\t");
    await press(app, "draft ");
    await press(app, "\u000f");
    const frame = await waitForText(app, "second line");
    expect(seen).toEqual(["draft "]);
    expect(frame).toMatch(/body\s+draft from the editor\n\s+second line/);
  });

  it("a long message scrolls inside its field: the label stays", async () => {
    const { app } = mount();
    await press(app, "s");
    await press(app, `${"x".repeat(120)}END`);
    const frame = await waitForText(app, "END");
    expect(frame).toMatch(/› message …x+END/);
  });
});

describe("the full view, copy, edit and the connections pane", () => {
  it("Enter shows every field of the event, its body with its line breaks, and its reply with the latency", async () => {
    const { app, source } = mount();
    const request = email("Lunch", "First line\nSecond line");
    source.push(request, { ...ack(request.seq, 42), connection_id: "c1" });
    await waitForText(app, "Lunch");
    await press(app, KEYS.up);
    const full = await press(app, KEYS.enter);
    expect(full).toContain("─ Event ─");
    expect(full).toMatch(/subject:\s+Lunch/);
    expect(full).toMatch(/body:\s+First line\n\s+Second line/);
    expect(full).toContain("reply in 42 ms");
    expect(full).toContain("message_acknowledged");
    const back = await press(app, KEYS.escape);
    expect(back).not.toContain("─ Event ─");
  });

  it("y copies the event as JSON, Y as the send command that reproduces it", async () => {
    const { app, source, copied } = mount();
    const request = sms("It's 5 o'clock", "alice");
    source.push(request);
    await waitForText(app, "5 o'clock");
    await press(app, "y");
    expect(JSON.parse(copied[0] ?? "")).toMatchObject({
      seq: request.seq,
      frame: { message: "It's 5 o'clock" },
    });
    await press(app, "Y");
    expect(copied[1]).toBe(
      `xswarm-dev send-sms 'It'\\''s 5 o'\\''clock' --from +15551234567 --to +15557654321 --user alice --url ws://127.0.0.1:9999`,
    );
    expect(frameOf(app)).toContain("Copied the command");
  });

  it("E opens the event in the form with every field filled; R needs a client to send with", async () => {
    const { app, source } = mount();
    source.push(sms("Send me again", "carol"));
    await waitForText(app, "Send me again");
    const notice = await press(app, "R");
    expect(notice).toContain("No supervisor connection to send with.");
    const form = await press(app, "E");
    expect(form).toContain("New SMS");
    expect(form).toMatch(/user\s+carol/);
    expect(form).toContain("message Send me again");
  });

  it("C lists the connections with auth state and frames in and out", async () => {
    const { app, source } = mount();
    source.push(
      trafficEntry({ type: "auth", token: "de…345" }, { connection_id: "c7" }),
      trafficEntry(
        { type: "auth_result", success: true, message: "ok" },
        { connection_id: "c7", direction: "out" },
      ),
      sms("hi", "alice", { connection_id: "c7" }),
    );
    await waitForText(app, "hi");
    const pane = await press(app, "C");
    expect(pane).toContain("─ Connections (1) ─");
    // No connect line was seen, so no address.
    expect(pane).toMatch(/c7\s+–\s+ok\s+2\s+1\s/);
    expect(await press(app, "C")).not.toContain("─ Connections");
  });
});

describe("the feed across reconnects and replays", () => {
  it("marks a lost link and its return in the feed", async () => {
    const { app, source } = mount();
    source.push(sms("before", "alice"));
    await waitForText(app, "before");
    source.setState({ status: "reconnecting", attempt: 1, delayMs: 500 });
    await waitForText(app, "disconnected: the link to the supervisor was lost");
    source.setState({ status: "ready" });
    expect(await waitForText(app, "── reconnected")).toBeTruthy();
  });

  it("replay's r starts the feed over instead of piling events up", async () => {
    const source = new HandSource("rec.jsonl", { kind: "replay", label: "replay" }, undefined);
    const { app } = mount(source);
    source.push(sms("recorded one"), sms("recorded two"));
    await waitForText(app, "2 events");
    await press(app, "r");
    const frame = await waitForText(app, "0 events");
    expect(source.reconnects).toBe(1);
    expect(frame).not.toContain("recorded one");
    expect(frame).toContain("Replaying from the start");
  });

  it("draws a latency sparkline of the last minute in the stats bar", async () => {
    const now = Date.parse("2025-01-15T10:30:30.000Z");
    const { app, source } = mount(new HandSource(), { now: () => now });
    const r1 = sms("one");
    const r2 = sms("two");
    source.push(r1, { ...ack(r1.seq, 5) }, r2, { ...ack(r2.seq, 50), time: "2025-01-15T10:30:20.000Z" });
    const frame = await waitForText(app, "p95 50 ms");
    const spark = /\[(.{20})\]/.exec(frame)?.[1] ?? "";
    expect(spark.trim()).toMatch(/^[▁▂] +█$/);
  });
});
