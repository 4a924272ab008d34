import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TrafficEntry, TrafficEvent } from "../../src/protocol/events.js";
import { parseEvent } from "../../src/protocol/parse.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import { startTap } from "../../src/supervisor/tap.js";
import { startTinyUpstream, UPSTREAM_TOKEN } from "../helpers/tap-fixtures.js";
import { type Json, Peer } from "../helpers/ws-peer.js";

const TOKEN = "conn-events-token-0123456789";
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Target {
  url: string;
  token: string;
  close(): Promise<void>;
}

async function supervisor(record: string): Promise<Target> {
  const sup = await startSupervisor({ port: 0, token: TOKEN, logFile: null, record });
  cleanups.push(() => sup.close());
  return { url: sup.url, token: TOKEN, close: () => sup.close() };
}

async function tap(record: string): Promise<Target> {
  const upstream = await startTinyUpstream();
  cleanups.push(() => upstream.close());
  const t = await startTap({ port: 0, upstream: upstream.url, record });
  cleanups.push(() => t.close());
  return { url: t.url, token: UPSTREAM_TOKEN, close: () => t.close() };
}

/** Traffic copies the monitor receives until one satisfies `done`. */
async function copiesUntil(monitor: Peer, done: (copy: Json) => boolean): Promise<Json[]> {
  const copies: Json[] = [];
  for (;;) {
    const frame = await monitor.next();
    if (frame.type !== "traffic") continue;
    copies.push(frame);
    if (done(frame)) return copies;
  }
}

describe.each([
  ["supervisor", supervisor],
  ["tap", tap],
] as const)("the %s's feed", (_name, start) => {
  it("tells a monitor another client connected, from which address, and how it went", async () => {
    const record = join(mkdtempSync(join(tmpdir(), "xswarm-conn-events-")), "record.jsonl");
    const target = await start(record);
    const monitor = await Peer.authed(target.url, target.token);
    cleanups.push(() => monitor.close());
    expect(await monitor.request({ type: "monitor" })).toMatchObject({ type: "monitor_started" });

    const other = await Peer.open(target.url);
    const port = (other.ws as unknown as { _socket: { localPort: number } })._socket.localPort;
    expect(await other.request({ type: "auth", token: target.token })).toMatchObject({ success: true });
    other.ws.close(4001, "bye now");
    await other.closed;

    const copies = await copiesUntil(monitor, (c) => c.event === "close");
    for (const copy of copies) expect(parseEvent(JSON.stringify(copy)).kind).toBe("broadcast");
    const opened = TrafficEvent.parse(copies[0]);
    const closed = TrafficEvent.parse(copies.at(-1));
    expect(opened).toMatchObject({
      event: "open",
      direction: "in",
      frame: null,
      address: `127.0.0.1:${port}`,
    });
    expect(closed).toMatchObject({
      event: "close",
      connection_id: opened.connection_id,
      close_code: 4001,
      close_reason: "bye now",
    });
    expect(closed.duration_ms).toBeGreaterThanOrEqual(0);
    expect(closed.seq).toBeGreaterThan(opened.seq);
    // Between them, the client's own frames, on the same connection.
    expect(copies.slice(1, -1).map((c) => [c.connection_id, (c.frame as Json).type])).toEqual([
      [opened.connection_id, "auth"],
      [opened.connection_id, "auth_result"],
    ]);

    await monitor.close();
    await target.close();
    const lines = readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map((l) => TrafficEntry.parse(JSON.parse(l)));
    const events = lines.filter((l) => l.event).map((l) => [l.connection_id, l.event]);
    // The monitor's own connect and disconnect are recorded too.
    expect(events).toEqual([
      ["c1", "open"],
      [opened.connection_id, "open"],
      [opened.connection_id, "close"],
      ["c1", "close"],
    ]);
    expect(readFileSync(record, "utf8")).not.toContain(target.token);
  });
});
