import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TrafficEntry } from "../../src/protocol/events.js";
import { startTap, type TapHandle } from "../../src/supervisor/tap.js";
import type { LogRecord } from "../../src/supervisor/types.js";
import {
  connectClient,
  isReply,
  isType,
  startTinyUpstream,
  type TestClient,
  type TinyUpstream,
  UPSTREAM_TOKEN,
} from "../helpers/tap-fixtures.js";

const cleanups: Array<() => Promise<unknown> | undefined> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  upstream: TinyUpstream;
  tap: TapHandle;
  feed: TrafficEntry[];
  logs: LogRecord[];
  client(): Promise<TestClient>;
}

async function setup(options: { record?: string } = {}): Promise<Setup> {
  const upstream = await startTinyUpstream();
  cleanups.push(() => upstream.close());
  const logs: LogRecord[] = [];
  const tap = await startTap({
    port: 0,
    upstream: upstream.url,
    record: options.record,
    onLog: (r) => logs.push(r),
  });
  cleanups.push(() => tap.close());
  const feed: TrafficEntry[] = [];
  // Frames only: connect and disconnect entries are tested in connection-events.test.ts.
  tap.feed.subscribe((e) => {
    if (!e.event) feed.push(e);
  });
  return {
    upstream,
    tap,
    feed,
    logs,
    client: async () => {
      const c = await connectClient(tap.url);
      cleanups.push(async () => c.ws.close());
      return c;
    },
  };
}

async function authed(s: Setup): Promise<TestClient> {
  const c = await s.client();
  c.sendJson({ type: "auth", token: UPSTREAM_TOKEN });
  expect((await c.next()).json).toMatchObject({ type: "auth_result", success: true });
  return c;
}

describe("tap: forwarding", () => {
  it("forwards text frames byte for byte both ways and publishes them with reply pairing", async () => {
    const started = performance.now();
    const s = await setup();
    const c = await s.client();
    const frames = [
      `{"type":"auth","token":"${UPSTREAM_TOKEN}"}`,
      '{ "type" : "ping", "request_id": 7 }',
      "not json at all",
      '{"type":"sms_received","from":"+1555","to":"+1666","message":"Hi","user":"alice"}',
    ];
    for (const f of frames) c.ws.send(f);
    const replies = [await c.next(), await c.next(), await c.next(), await c.next()];
    expect(replies.map((r) => r.json?.type)).toEqual([
      "auth_result",
      "pong",
      "error",
      "message_acknowledged",
    ]);
    expect(s.upstream.received.map((r) => r.text)).toEqual(frames);

    expect(s.feed).toHaveLength(8);
    for (const entry of s.feed) expect(TrafficEntry.safeParse(entry).success).toBe(true);
    const inbound = s.feed.filter((e) => e.direction === "in");
    const outbound = s.feed.filter((e) => e.direction === "out");
    expect(inbound.map((e) => e.frame?.type ?? e.raw)).toEqual([
      "auth",
      "ping",
      "not json at all",
      "sms_received",
    ]);
    expect(outbound.map((e) => e.reply_to)).toEqual(inbound.map((e) => e.seq));
    // Milliseconds, and each within the time this test has taken so far.
    const elapsed = performance.now() - started;
    for (const e of outbound) expect(e.latency_ms).toBeLessThanOrEqual(elapsed);
    expect(new Set(s.feed.map((e) => e.connection_id)).size).toBe(1);
  });

  it("forwards binary frames as binary both ways and publishes their size", async () => {
    const s = await setup();
    const c = await s.client();
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10]);
    c.ws.send(bytes, { binary: true });
    const echoed = await c.next();
    expect(echoed.binary).toEqual(bytes);
    expect(s.upstream.received[0]?.binary).toEqual(bytes);
    expect(s.feed.map((e) => [e.direction, e.binary_bytes, e.frame, e.reply_to])).toEqual([
      ["in", 6, null, undefined],
      ["out", 6, null, undefined],
    ]);
  });

  it("forwards the upstream's frames byte for byte at every header length, text and binary", async () => {
    const s = await setup();
    const c = await authed(s);
    const [socket] = s.upstream.sockets;
    // 125, 126 and 65,536 bytes: the last length of the short header, the first of the 16-bit one,
    // the first of the 64-bit one.
    const sizes = [0, 125, 126, 65_535, 65_536, 70_000];
    const text = (n: number) => `"${"é".repeat(Math.floor((n - 2) / 2))}${"x".repeat((n - 2) % 2)}"`;
    for (const n of sizes) {
      socket?.send(n === 0 ? "" : text(n));
      socket?.send(Buffer.alloc(n, n % 251), { binary: true });
    }
    for (const n of sizes) {
      const sent = n === 0 ? "" : text(n);
      expect(Buffer.byteLength(sent)).toBe(n);
      expect((await c.next()).text).toBe(sent);
      expect((await c.next()).binary).toEqual(Buffer.alloc(n, n % 251));
    }
  });

  it("forwards broadcasts from the upstream, which pair with nothing", async () => {
    const s = await setup();
    const c = await authed(s);
    const [socket] = s.upstream.sockets;
    socket?.send('{"type":"user_transcription","text":"hello","timestamp":"t"}');
    expect((await c.next()).json).toMatchObject({ type: "user_transcription", text: "hello" });
    expect(s.feed.at(-1)?.direction).toBe("out");
    expect(s.feed.at(-1)?.reply_to).toBeUndefined();
  });

  it("holds client frames until the upstream connection is open, then sends them in order", async () => {
    const s = await setup();
    s.upstream.holdHandshakes();
    const c = await s.client();
    c.ws.send(`{"type":"auth","token":"${UPSTREAM_TOKEN}"}`);
    c.ws.send('{"type":"ping"}');
    c.ws.send(Buffer.from([9]), { binary: true });
    await waitUntil(() => s.feed.length === 3);
    expect(s.upstream.received).toHaveLength(0);
    s.upstream.releaseHandshakes();
    const replies = [await c.next(), await c.next(), await c.next()];
    expect(replies.map((r) => r.json?.type ?? "binary")).toEqual(["auth_result", "pong", "binary"]);
    expect(s.upstream.received.map((r) => r.json?.type ?? "binary")).toEqual(["auth", "ping", "binary"]);
  });

  it("writes the feed to --record as JSON lines", async () => {
    const record = join(mkdtempSync(join(tmpdir(), "xswarm-tap-")), "feed.jsonl");
    const s = await setup({ record });
    const c = await s.client();
    c.sendJson({ type: "ping" });
    await c.next();
    await s.tap.close();
    const lines = readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((l) => !l.event);
    expect(lines.map((l) => [l.direction, l.frame.type])).toEqual([
      ["in", "ping"],
      ["out", "pong"],
    ]);
    expect(lines[1].reply_to).toBe(lines[0].seq);
  });
});

describe("tap: monitor", () => {
  it("answers monitor itself: Not authenticated before the upstream accepted auth", async () => {
    const s = await setup();
    const c = await s.client();
    c.sendJson({ type: "monitor" });
    expect((await c.next()).json).toEqual({ type: "error", message: "Not authenticated" });
    c.sendJson({ type: "auth", token: "wrong" });
    expect((await c.next()).json).toMatchObject({ type: "auth_result", success: false });
    c.sendJson({ type: "monitor" });
    expect((await c.next()).json).toEqual({ type: "error", message: "Not authenticated" });
    expect(s.upstream.received.map((r) => r.json?.type)).toEqual(["auth"]);
  });

  it("after a successful auth, answers monitor_started and copies all traffic", async () => {
    const s = await setup();
    const monitor = await authed(s);
    monitor.sendJson({ type: "monitor", extra: "ignored" });
    expect((await monitor.next()).json).toEqual({ type: "monitor_started", source: "tap" });

    const other = await s.client();
    other.sendJson({ type: "ping" });
    expect((await other.next()).json).toEqual({ type: "pong" });
    const copies = [await monitor.next(), await monitor.next(), await monitor.next()];
    expect(copies.shift()?.json).toMatchObject({ type: "traffic", event: "open", frame: null });
    expect(copies.map((f) => f.json)).toMatchObject([
      { type: "traffic", direction: "in", frame: { type: "ping" } },
      { type: "traffic", direction: "out", frame: { type: "pong" } },
    ]);
    expect(copies[1]?.json?.reply_to).toBe(copies[0]?.json?.seq);
    expect(copies[0]?.json?.connection_id).not.toBe(s.feed[0]?.connection_id);
    expect(s.upstream.received.map((r) => r.json?.type)).toEqual(["auth", "ping"]);
  });

  it("keeps monitor_started in its place among the replies and does not shift the pairing", async () => {
    const s = await setup();
    const c = await s.client();
    s.upstream.hold();
    c.sendJson({ type: "auth", token: UPSTREAM_TOKEN });
    c.sendJson({ type: "monitor" });
    c.sendJson({ type: "ping" });
    c.sendJson({ type: "ping" });
    c.sendJson({ type: "monitor" });
    c.sendJson({ type: "monitor" });
    c.sendJson({ type: "ping" });
    await s.upstream.waitFor(() => s.upstream.received.length === 4);
    s.upstream.release();
    const replies: unknown[] = [];
    for (let i = 0; i < 7; i++) replies.push((await c.until(isReply)).frame.json?.type);
    expect(replies).toEqual([
      "auth_result",
      "monitor_started",
      "pong",
      "pong",
      "monitor_started",
      "monitor_started",
      "pong",
    ]);
    const pings = s.feed.filter((e) => e.frame?.type === "ping").map((e) => e.seq);
    const pongs = s.feed.filter((e) => e.frame?.type === "pong").map((e) => e.reply_to);
    expect(pongs).toEqual(pings);
  });

  it("stops the copies when a later auth fails", async () => {
    const s = await setup();
    const c = await authed(s);
    c.sendJson({ type: "monitor" });
    await c.until(isType("monitor_started"));
    c.sendJson({ type: "auth", token: "wrong" });
    const failed = await c.until(isType("auth_result"));
    expect(failed.frame.json?.success).toBe(false);
    c.sendJson({ type: "ping" });
    const { before } = await c.until(isType("pong"));
    expect(before).toEqual([]);
  });
});

describe("tap: upstream and client lifecycles", () => {
  it("closes a client with 1011 when the upstream is down, logs why, and keeps listening", async () => {
    const s = await setup();
    const url = s.upstream.url;
    await s.upstream.close();
    for (let i = 0; i < 2; i++) {
      const c = await s.client();
      expect(await c.closed).toEqual({ code: 1011, reason: "Upstream unreachable" });
    }
    const lines = s.logs.filter((r) => r.level === "warn").map((r) => r.msg);
    expect(lines).toEqual([
      `upstream ${url} unreachable: Connection refused`,
      `upstream ${url} unreachable: Connection refused`,
    ]);
  });

  it("serves new clients again once the upstream is back after a restart", async () => {
    const s = await setup();
    const before = await authed(s);
    await s.upstream.close();
    expect((await before.closed).code).toBe(1001);
    const during = await s.client();
    expect((await during.closed).code).toBe(1011);

    const again = await startTinyUpstream(s.upstream.port);
    cleanups.push(() => again.close());
    const after = await s.client();
    after.sendJson({ type: "auth", token: UPSTREAM_TOKEN });
    after.sendJson({ type: "ping" });
    expect((await after.next()).json).toMatchObject({ type: "auth_result", success: true });
    expect((await after.next()).json).toEqual({ type: "pong" });
  });

  it("closes the upstream connection when the client closes, with its code", async () => {
    const s = await setup();
    const c = await authed(s);
    c.ws.close(4000, "bye");
    await s.upstream.waitFor(() => s.upstream.closeCodes.length === 1);
    expect(s.upstream.closeCodes).toEqual([4000]);
  });

  it("closes the client when the upstream closes its connection, with its code", async () => {
    const s = await setup();
    const c = await authed(s);
    const [socket] = s.upstream.sockets;
    socket?.close(4001, "kicked");
    expect((await c.closed).code).toBe(4001);
  });

  it("closes every client with 1001 when the tap closes", async () => {
    const s = await setup();
    const c = await authed(s);
    await s.tap.close();
    expect((await c.closed).code).toBe(1001);
    await s.upstream.waitFor(() => s.upstream.closeCodes.length === 1);
  });
});

describe("tap: listening", () => {
  it("refuses an upgrade from a web page served elsewhere, allows localhost pages", async () => {
    const s = await setup();
    await expect(connectClient(s.tap.url, { origin: "https://evil.example" })).rejects.toThrow(/403/);
    const local = await connectClient(s.tap.url, { origin: "http://localhost:3000" });
    local.ws.close();
  });

  it("refuses a non-loopback host without allowRemote, and an upstream that is not ws://", async () => {
    await expect(startTap({ host: "0.0.0.0", port: 0, upstream: "ws://127.0.0.1:9" })).rejects.toMatchObject({
      code: "remote_not_allowed",
    });
    await expect(startTap({ port: 0, upstream: "http://127.0.0.1:9" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("says the port is taken", async () => {
    const s = await setup();
    await expect(startTap({ port: s.tap.port, upstream: s.upstream.url })).rejects.toMatchObject({
      code: "port_in_use",
      message: `Port ${s.tap.port} is already in use on 127.0.0.1`,
    });
  });
});

async function waitUntil(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}
