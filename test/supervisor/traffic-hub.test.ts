import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TrafficEntry } from "../../src/protocol/events.js";
import { TrafficHub } from "../../src/supervisor/traffic-hub.js";

function clock(start = Date.UTC(2025, 0, 15, 10, 30)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TrafficHub", () => {
  it("numbers entries, keeps the raw frame object, and pairs replies FIFO with latency", () => {
    const c = clock();
    const hub = new TrafficHub({ now: c.now });
    const seen: TrafficEntry[] = [];
    hub.subscribe((e) => seen.push(e));

    hub.inbound("c1", '{"type":"ping","extra":1}', false);
    c.advance(5);
    hub.inbound("c1", Buffer.from('{"type":"auth","token":"x"}'), false);
    c.advance(2);
    hub.outbound("c1", '{"type":"synthesis_started","text":"hi","timestamp":"t"}');
    hub.outbound("c1", '{"type":"pong"}');
    c.advance(3);
    hub.outbound("c1", '{"type":"auth_result","success":"not a bool"}');

    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const e of seen) expect(TrafficEntry.safeParse(e).success).toBe(true);
    expect(seen[0]).toMatchObject({
      connection_id: "c1",
      direction: "in",
      time: "2025-01-15T10:30:00.000Z",
      frame: { type: "ping", extra: 1 },
    });
    expect(seen[2]?.reply_to).toBeUndefined();
    expect(seen[3]).toMatchObject({ direction: "out", reply_to: 1, latency_ms: 7 });
    // A known reply type with bad fields still takes its place in the reply order.
    expect(seen[4]).toMatchObject({ reply_to: 2, latency_ms: 5 });
  });

  it("keeps pairing per connection, records raw text and binary sizes", () => {
    const hub = new TrafficHub({ now: clock().now });
    const seen: TrafficEntry[] = [];
    hub.subscribe((e) => seen.push(e));
    hub.inbound("a", "not json", false);
    hub.inbound("b", Buffer.alloc(3), true);
    hub.inbound("b", `"${"x".repeat(2000)}"`, false);
    hub.outbound("b", '{"type":"error","message":"Invalid message format: x"}');
    hub.outbound("a", '{"type":"error","message":"Invalid message format: y"}');

    expect(seen[0]).toMatchObject({ frame: null, raw: "not json" });
    expect(seen[1]).toMatchObject({ frame: null, binary_bytes: 3 });
    expect(seen[1]?.raw).toBeUndefined();
    expect(seen[2]?.raw).toHaveLength(1000);
    expect(seen[3]?.reply_to).toBe(3);
    expect(seen[4]?.reply_to).toBe(1);
  });

  it("sends traffic copies to monitors, forgets removed connections, and unsubscribes", () => {
    const hub = new TrafficHub({ now: clock().now });
    const copies: string[] = [];
    const seen: number[] = [];
    const off = hub.subscribe((e) => seen.push(e.seq));
    hub.addMonitor("m", (text) => copies.push(text));
    hub.inbound("c1", '{"type":"ping"}', false);
    off();
    hub.removeConnection("m");
    hub.inbound("c1", '{"type":"ping"}', false);

    expect(seen).toEqual([1]);
    expect(copies).toHaveLength(1);
    expect(JSON.parse(copies[0] ?? "")).toMatchObject({ type: "traffic", seq: 1, frame: { type: "ping" } });
  });

  it("survives a throwing subscriber", () => {
    const hub = new TrafficHub();
    const seen: number[] = [];
    hub.subscribe(() => {
      throw new Error("boom");
    });
    hub.subscribe((e) => seen.push(e.seq));
    hub.inbound("c1", "{}", false);
    expect(seen).toEqual([1]);
  });

  it("writes the record file as JSON lines and flushes on close", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "hub-")), "sub", "traffic.jsonl");
    const hub = new TrafficHub({ record: path });
    hub.inbound("c1", '{"type":"ping"}', false);
    hub.outbound("c1", '{"type":"pong"}');
    await hub.close();
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ seq: 2, direction: "out", reply_to: 1, frame: { type: "pong" } });
    for (const line of lines) expect(TrafficEntry.safeParse(line).success).toBe(true);
  });

  it("publishes a connection's open with its address and its close with code, reason and lifetime", () => {
    const c = clock();
    const hub = new TrafficHub({ now: c.now, secrets: ["sekrit-token-123"] });
    const seen: TrafficEntry[] = [];
    hub.subscribe((e) => seen.push(e));
    hub.opened("c1", "127.0.0.1:50123");
    hub.inbound("c1", '{"type":"ping"}', false);
    c.advance(1500.4);
    hub.outbound("c1", '{"type":"pong"}');
    hub.closed("c1", 4000, "went with sekrit-token-123");
    // Told once: a second close (a tap's both sides) publishes nothing.
    hub.closed("c1", 1000, "");
    hub.removeConnection("c1");

    for (const e of seen) expect(TrafficEntry.parse(e)).toEqual(e);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(seen[0]).toEqual({
      seq: 1,
      connection_id: "c1",
      direction: "in",
      time: "2025-01-15T10:30:00.000Z",
      frame: null,
      event: "open",
      address: "127.0.0.1:50123",
    });
    expect(seen[2]).toMatchObject({ reply_to: 2 });
    expect(seen[3]).toMatchObject({ event: "close", frame: null, close_code: 4000, duration_ms: 1500 });
    expect(seen[3]?.close_reason).not.toContain("sekrit-token-123");
  });

  it("keeps no state for a connection once it closed, and none for a close without an open", () => {
    const hub = new TrafficHub();
    const seen: TrafficEntry[] = [];
    hub.subscribe((e) => seen.push(e));
    expect(hub.closed("never-opened", 1000, "")).toBeUndefined();
    for (let i = 0; i < 100; i++) {
      hub.opened(`c${i}`, undefined);
      hub.closed(`c${i}`, 1000, "");
    }
    expect(seen).toHaveLength(200);
    expect(seen[0]?.address).toBeUndefined();
    expect((hub as unknown as { openedAt: Map<string, number> }).openedAt.size).toBe(0);
  });
});
