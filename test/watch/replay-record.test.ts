import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { printEvents } from "../../src/ui/plain/print-events.js";
import { recordSource } from "../../src/watch/recorder.js";
import { redactEntry } from "../../src/watch/redact.js";
import { ReplaySource } from "../../src/watch/replay-source.js";
import { HandSource } from "../helpers/fake-source.js";
import { ack, sms, trafficEntry } from "../helpers/traffic-entries.js";

const dir = () => mkdtempSync(join(tmpdir(), "xswarm-watch-"));
const sources: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) await s.close();
});

function played(source: ReplaySource): Promise<TrafficEntry[]> {
  const entries: TrafficEntry[] = [];
  source.subscribe((e) => entries.push(e));
  return new Promise((resolve) => {
    source.onStatus((status) => {
      if (status.done) resolve(entries);
    });
  });
}

/** A clock that only moves when the replay sleeps, and remembers each sleep. */
function fakeClock(): Pick<Clock, "now" | "sleep"> & { sleeps: number[] } {
  let now = 1000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const at = (iso: string, entry: TrafficEntry): TrafficEntry => ({ ...entry, time: iso });

describe("record, then replay", () => {
  it("writes JSON lines that the replay plays back in order, skipping bad lines", async () => {
    const file = join(dir(), "sub", "traffic.jsonl");
    const live = new HandSource();
    const stop = recordSource(live, file);
    const request = sms("recorded");
    live.push(request, ack(request.seq, 4));
    await stop();
    writeFileSync(file, `${readFileSync(file, "utf8")}not json\n{"seq":"x"}\n\n`);

    const replay = new ReplaySource(file, { speed: 0 });
    sources.push(replay);
    const done = played(replay);
    await replay.start();
    const entries = await done;
    expect(entries.map((e) => e.frame?.type)).toEqual(["sms_received", "message_acknowledged"]);
    expect(entries[1]?.reply_to).toBe(request.seq);
    expect(replay.status()).toMatchObject({ label: "replay finished", done: true });
    expect(replay.status().detail).toContain("2 lines skipped");
  });

  it("keeps the recorded pace, divided by --speed", async () => {
    const file = join(dir(), "paced.jsonl");
    const lines = [
      at("2025-01-15T10:30:00.000Z", sms("a")),
      at("2025-01-15T10:30:01.000Z", sms("b")),
      at("2025-01-15T10:30:04.000Z", sms("c")),
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const clock = fakeClock();
    const replay = new ReplaySource(file, { speed: 2, clock });
    sources.push(replay);
    const done = played(replay);
    await replay.start();
    expect((await done).map((e) => e.frame?.message)).toEqual(["a", "b", "c"]);
    expect(clock.sleeps).toEqual([500, 1500]);
    expect(replay.status().detail).toContain("3 events");
  });

  it("rejects a file that cannot be read, with a hint", async () => {
    const replay = new ReplaySource(join(dir(), "missing.jsonl"));
    await expect(replay.start()).rejects.toThrow(/Cannot read the replay file .*no such file/);
  });

  it("starts over on reconnect", async () => {
    const file = join(dir(), "again.jsonl");
    writeFileSync(file, `${JSON.stringify(sms("once"))}\n`);
    const replay = new ReplaySource(file, { speed: 0 });
    sources.push(replay);
    const first = played(replay);
    await replay.start();
    expect(await first).toHaveLength(1);
    const second = played(replay);
    replay.reconnect();
    expect(await second).toHaveLength(1);
  });
});

describe("redactEntry", () => {
  it("masks the token of an auth frame, in a frame or in raw text", () => {
    expect(redactEntry(trafficEntry({ type: "auth", token: "secret-token-123" })).frame?.token).toBe(
      "secr…123",
    );
    const raw = redactEntry(trafficEntry(null, { raw: '{"type":"auth","token":"secret-token-123"' }));
    expect(raw.raw).toBe('{"type":"auth","token":"secr…123"');
    const other = trafficEntry({ type: "ping" });
    expect(redactEntry(other)).toBe(other);
  });
});

describe("printEvents (stdout is not a terminal)", () => {
  function capture() {
    const out = new PassThrough();
    const err = new PassThrough();
    let o = "";
    let e = "";
    out.on("data", (c: Buffer) => {
      o += c.toString();
    });
    err.on("data", (c: Buffer) => {
      e += c.toString();
    });
    return { out, err, text: () => o, errors: () => e };
  }

  it("prints one plain line per event, and state changes on stderr", async () => {
    const source = new HandSource();
    const io = capture();
    const stop = printEvents(source, { json: false, out: io.out, err: io.err });
    const request = sms("plain text", "alice");
    source.push(request, ack(request.seq, 2));
    source.setState({ status: "reconnecting", attempt: 2, delayMs: 1500 });
    stop();
    source.push(sms("after stop"));
    await new Promise((resolve) => setImmediate(resolve));
    const lines = io.text().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`#${request.seq} c1 → sms  user=alice  "plain text"`));
    expect(lines[1]).toContain(`↳ #${request.seq} 2 ms`);
    expect(io.errors()).toContain("ws://127.0.0.1:9999: reconnecting in 2 s, attempt 2");
  });

  it("says a failed connection is being retried, with the start hint once", async () => {
    const source = new HandSource();
    const io = capture();
    printEvents(source, { json: false, out: io.out, err: io.err });
    source.setState({ status: "closed", reason: "Connection refused" });
    source.setState({ status: "reconnecting", attempt: 1, delayMs: 1000 });
    source.setState({ status: "closed", reason: "Connection refused" });
    await new Promise((resolve) => setImmediate(resolve));
    const lines = io.errors().trim().split("\n");
    expect(lines[0]).toBe("ws://127.0.0.1:9999: not connected (Connection refused); still trying");
    expect(lines.filter((l) => l.includes("xswarm-dev supervisor"))).toHaveLength(1);
    expect(io.errors()).not.toContain("closed:");
  });

  it("prints one JSON object per line with --json, starting with what the backlog held", async () => {
    const source = new HandSource();
    source.holdBacklog();
    source.push(sms("early"));
    const io = capture();
    printEvents(source, { json: true, out: io.out, err: io.err });
    source.push(sms("late"));
    await new Promise((resolve) => setImmediate(resolve));
    const parsed = io
      .text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as TrafficEntry);
    expect(parsed.map((e) => e.frame?.message)).toEqual(["early", "late"]);
  });
});
