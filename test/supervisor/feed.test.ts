import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TrafficEntry, TrafficEvent } from "../../src/protocol/events.js";
import { parseEvent } from "../../src/protocol/parse.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";
import { type Json, Peer } from "../helpers/ws-peer.js";

const TOKEN = "feed-token-0123456789";
const SMS = { type: "sms_received", from: "+1555", to: "+1666", message: "hi", user: "alice", extra: [1] };

let supervisor: SupervisorHandle;
const peers: Peer[] = [];

async function start(options: StartSupervisorOptions = {}) {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, ...options });
  return supervisor;
}
async function open() {
  const peer = await Peer.open(supervisor.url);
  peers.push(peer);
  return peer;
}
/** Resolves with the feed's entries once `count` have arrived. */
function collect(count: number): Promise<TrafficEntry[]> {
  const entries: TrafficEntry[] = [];
  return new Promise((resolve) => {
    const off = supervisor.feed.subscribe((entry) => {
      if (entry.event) return;
      entries.push(entry);
      if (entries.length === count) {
        off();
        resolve(entries);
      }
    });
  });
}

afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.close();
  await supervisor?.close();
});

describe("the traffic feed", () => {
  it("publishes every frame in and out, pairs replies with their requests, and masks tokens", async () => {
    await start({ delayMs: 30 });
    const peer = await open();
    const entries = collect(8);
    peer.send({ type: "auth", token: TOKEN });
    peer.sendBinary(Buffer.alloc(5));
    peer.send("not json");
    peer.send(SMS);
    await peer.take(3);
    peer.send({ type: "ping" });
    await peer.next();

    const all = await entries;
    for (const entry of all) expect(TrafficEntry.parse(entry)).toEqual(entry);
    // Seq 1 is the peer's connect entry.
    expect(all.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const find = (direction: string, match: (e: TrafficEntry) => boolean) =>
      all.find((e) => e.direction === direction && match(e));
    const auth = find("in", (e) => e.frame?.type === "auth");
    const binary = find("in", (e) => e.binary_bytes !== undefined);
    const bad = find("in", (e) => e.raw !== undefined);
    const sms = find("in", (e) => e.frame?.type === "sms_received");
    const ping = find("in", (e) => e.frame?.type === "ping");
    const authOk = find("out", (e) => e.frame?.type === "auth_result");
    const badReply = find("out", (e) => e.frame?.type === "error");
    const ack = find("out", (e) => e.frame?.type === "message_acknowledged");
    expect(auth).toMatchObject({
      seq: 2,
      connection_id: "c1",
      direction: "in",
      frame: { type: "auth", token: "feed…789" },
    });
    expect(JSON.stringify(auth)).not.toContain(TOKEN);
    expect(binary).toMatchObject({ direction: "in", frame: null, binary_bytes: 5 });
    expect(bad).toMatchObject({ direction: "in", frame: null, raw: "not json" });
    // The frame is the object as sent, extra fields included.
    expect(sms?.frame).toEqual(SMS);
    expect(authOk).toMatchObject({
      direction: "out",
      reply_to: auth?.seq,
      frame: { type: "auth_result", success: true },
    });
    expect(badReply).toMatchObject({ reply_to: bad?.seq, frame: { type: "error" } });
    expect(ack).toMatchObject({ reply_to: sms?.seq, frame: { type: "message_acknowledged", user: "alice" } });
    // The reply waited for --delay-ms, so its latency cannot be less.
    expect(ack?.latency_ms).toBeGreaterThanOrEqual(30);
    expect(ping).toMatchObject({ direction: "in", frame: { type: "ping" } });
    expect(Date.parse(String(auth?.time))).not.toBeNaN();
  });

  it("writes the record file as JSON lines", async () => {
    const record = join(mkdtempSync(join(tmpdir(), "feed-")), "traffic.jsonl");
    await start({ record });
    const peer = await open();
    await peer.request({ type: "auth", token: TOKEN });
    await peer.request(SMS);
    await peer.close();
    await supervisor.close();
    const lines = readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map((l) => TrafficEntry.parse(JSON.parse(l)))
      .filter((l) => !l.event);
    expect(lines.map((l) => [l.direction, l.frame?.type, l.reply_to])).toEqual([
      ["in", "auth", undefined],
      ["out", "auth_result", 2],
      ["in", "sms_received", undefined],
      ["out", "message_acknowledged", 4],
    ]);
    expect(readFileSync(record, "utf8")).not.toContain(TOKEN);
  });

  it("sends traffic copies to an authenticated monitor, and refuses one before auth", async () => {
    await start();
    const monitor = await open();
    expect(await monitor.request({ type: "monitor" })).toEqual({
      type: "error",
      message: "Not authenticated",
    });
    await monitor.request({ type: "auth", token: TOKEN });
    expect(await monitor.request({ type: "monitor", since: "extra fields are ignored" })).toEqual({
      type: "monitor_started",
    });
    const seen: TrafficEntry[] = [];
    supervisor.feed.subscribe((e) => seen.push(e));

    const client = await open();
    expect(await client.request({ type: "ping" })).toEqual({ type: "pong" });
    const [opened, request, reply] = (await monitor.take(3)).map((frame) => TrafficEvent.parse(frame));
    expect(opened).toMatchObject({ connection_id: "c2", event: "open", frame: null });
    expect(parseEvent(JSON.stringify(request)).kind).toBe("broadcast");
    expect(request).toMatchObject({
      type: "traffic",
      connection_id: "c2",
      direction: "in",
      frame: { type: "ping" },
    });
    expect(reply).toMatchObject({ direction: "out", frame: { type: "pong" }, reply_to: request?.seq });
    expect(typeof reply?.latency_ms).toBe("number");
    // The copies themselves are not traffic of their own.
    expect(seen.map((e) => e.event ?? e.frame?.type)).toEqual(["open", "ping", "pong"]);
    // The monitor is still an ordinary client, and sees its own traffic too.
    monitor.send({ type: "ping" });
    const frames: Json[] = [];
    while (frames.at(-1)?.type !== "pong") frames.push(await monitor.next());
    expect(frames.map((f) => (f.type === "traffic" ? `traffic ${(f.frame as Json).type}` : f.type))).toEqual([
      "traffic ping",
      "pong",
    ]);
  });

  it("stops a monitor's copies when a later auth fails, and keeps pairing its replies", async () => {
    await start();
    const monitor = await open();
    const client = await Peer.authed(supervisor.url, TOKEN);
    peers.push(client);
    const seen: TrafficEntry[] = [];
    supervisor.feed.subscribe((e) => seen.push(e));
    // Sent together: the monitor starts, then the failed auth de-authenticates and stops it, in reply order.
    monitor.send({ type: "auth", token: TOKEN });
    monitor.send({ type: "monitor" });
    monitor.send({ type: "auth", token: "bad" });
    const frames: Json[] = [];
    while (frames.at(-1)?.type !== "auth_result" || frames.at(-1)?.success !== false)
      frames.push(await monitor.next());
    const label = (f: Json) => (f.type === "traffic" ? `traffic ${(f.frame as Json).type}` : String(f.type));
    // The copy of the failed auth's own reply is the last one.
    frames.push(await monitor.next());
    expect(frames.map(label)).toEqual([
      "auth_result",
      "monitor_started",
      "traffic auth",
      "auth_result",
      "traffic auth_result",
    ]);
    expect(JSON.stringify(frames)).not.toContain('"bad"');

    expect(await client.request({ type: "ping" })).toEqual({ type: "pong" });
    client.send(SMS);
    expect((await client.next()).type).toBe("message_acknowledged");
    // Nothing of the other client's traffic reaches it any more, nor of its own.
    expect(await monitor.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(await monitor.request({ type: "monitor" })).toEqual({
      type: "error",
      message: "Not authenticated",
    });
    // The feed itself still pairs the monitor connection's replies with its requests.
    const pong = seen.filter((e) => e.connection_id === "c1" && e.frame?.type === "pong").at(-1);
    expect(seen.find((e) => e.seq === pong?.reply_to)?.frame).toEqual({ type: "ping" });
  });

  it("sends demo broadcasts to every client, before auth too, without taking a reply's place", async () => {
    await start({ broadcastDemo: true, limits: { broadcastIntervalMs: 20 } });
    const peer = await open();
    const frames: Json[] = [];
    while (frames.length < 6) frames.push(await peer.next());
    const types = frames.map((f) => {
      const parsed = parseEvent(JSON.stringify(f));
      expect(parsed.kind).toBe("broadcast");
      return f.type;
    });
    expect(new Set(types)).toEqual(
      new Set([
        "synthesis_started",
        "user_speech",
        "user_transcription",
        "reminder_due",
        "reminder_sent",
        "reminder_failed",
      ]),
    );
    const entries: TrafficEntry[] = [];
    const pong = new Promise<TrafficEntry>((resolve) => {
      supervisor.feed.subscribe((entry) => {
        entries.push(entry);
        if (entry.frame?.type === "pong") resolve(entry);
      });
    });
    peer.send({ type: "ping" });
    const ping = (await pong).reply_to;
    expect(entries.find((e) => e.seq === ping)?.frame).toEqual({ type: "ping" });
    for (const entry of entries.filter((e) => e.frame?.type !== "pong"))
      expect(entry.reply_to).toBeUndefined();
  });
});
