import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { ConnectionsPane } from "../../src/ui/components/ConnectionsPane.js";
import { EventLine } from "../../src/ui/components/EventLine.js";
import { plainLine } from "../../src/ui/format/line.js";
import { connectionRows } from "../../src/ui/state/connections.js";
import { dashboardReducer, initialState } from "../../src/ui/state/reducer.js";
import type { DashboardState } from "../../src/ui/state/types.js";
import { ReplaySource } from "../../src/watch/replay-source.js";
import { frameOf } from "../helpers/press.js";
import { ack, sms, trafficEntry } from "../helpers/traffic-entries.js";

const T0 = Date.parse("2025-01-15T10:30:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

const opened = (id: string, address: string, ms = 0): TrafficEntry =>
  trafficEntry(null, { connection_id: id, event: "open", address, time: at(ms) });
const closed = (id: string, ms: number, code = 1000, reason = ""): TrafficEntry =>
  trafficEntry(null, {
    connection_id: id,
    event: "close",
    close_code: code,
    close_reason: reason,
    duration_ms: ms,
    time: at(ms),
  });

function start(): DashboardState {
  return initialState({
    source: { kind: "embedded", label: "embedded supervisor" },
    connection: { status: "idle" },
  });
}
const add = (state: DashboardState, entries: TrafficEntry[]) =>
  dashboardReducer(state, { type: "events", entries });

/** A session: c1 connects and sends an SMS that is acknowledged, c2 connects and goes. */
function session(): TrafficEntry[] {
  const request = sms("hi", "alice", { connection_id: "c1", time: at(100) });
  return [
    opened("c1", "127.0.0.1:50001"),
    request,
    { ...ack(request.seq, 3), connection_id: "c1", time: at(200) },
    opened("c2", "[::1]:50002", 1000),
    closed("c2", 2500, 4001, "bye"),
  ];
}

describe("connect and disconnect entries in the dashboard", () => {
  it("give each connection its address and closed state, and are no traffic of their own", () => {
    const state = add(start(), session());
    const rows = connectionRows(state.connections);
    expect(rows.map((r) => [r.id, r.address, r.in, r.out, r.closed ?? false])).toEqual([
      ["c2", "[::1]:50002", 0, 0, true],
      ["c1", "127.0.0.1:50001", 1, 1, false],
    ]);
    // Counted from the connect line, not from the first frame.
    expect(rows[1]?.firstSeen).toBe(T0);
    // The lines are marks: the stats count only the two frames, the selection skips them.
    expect(Object.values(state.stats.byCategory).reduce((a, b) => a + b, 0)).toBe(2);
    const lines = state.events.map((e) => e.mark?.text);
    expect(lines).toEqual([
      "c1 connected from 127.0.0.1:50001",
      undefined,
      undefined,
      "c2 connected from [::1]:50002",
      "c2 disconnected (4001 bye) after 2s",
    ]);
  });

  it("a connection whose only entries are a close still gets a row", () => {
    const state = add(start(), [closed("c9", 30)]);
    expect(connectionRows(state.connections)).toMatchObject([{ id: "c9", closed: true, in: 0, out: 0 }]);
  });

  it("show as feed lines and plain lines naming the connection", () => {
    const [open] = session();
    const state = add(start(), [open as TrafficEntry, closed("c1", 65_000)]);
    const line = render(<EventLine event={state.events[1] as never} selected={false} width={60} />);
    expect(frameOf(line)).toContain("── c1 disconnected (1000) after 1m5s ──");
    line.unmount();
    expect(plainLine(open as TrafficEntry)).toMatch(
      /^\d\d:\d\d:\d\d #\d+ c1 ── c1 connected from 127\.0\.0\.1:50001$/,
    );
  });
});

describe("ConnectionsPane", () => {
  it("lists each client with its address, auth state, frames in and out, age and quiet time", () => {
    const state = add(start(), session());
    const app = render(
      <ConnectionsPane rows={connectionRows(state.connections)} now={T0 + 60_000} height={10} width={80} />,
    );
    const text = frameOf(app);
    app.unmount();
    const lines = text.split("\n");
    expect(lines[1]).toMatch(/^id\s+address\s+auth\s+in\s+out\s+age\s+quiet for/);
    const c1 = lines.find((l) => l.startsWith("c1")) ?? "";
    const c2 = lines.find((l) => l.startsWith("c2")) ?? "";
    expect(c1.split(/\s+/)).toEqual(["c1", "127.0.0.1:50001", "–", "1", "1", "0:01:00", "0:00:59"]);
    // A closed connection's age is how long it lived, and it says closed.
    expect(c2.split(/\s+/)).toEqual(["c2", "[::1]:50002", "–", "0", "0", "0:00:01", "closed"]);
  });
});

describe("replay of a recording with connect and disconnect entries", () => {
  it("plays them back in order into the dashboard, and reads old entries as before", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "xswarm-conns-")), "rec.jsonl");
    writeFileSync(
      file,
      `${session()
        .map((e) => JSON.stringify(e))
        .join("\n")}\n`,
    );
    const replay = new ReplaySource(file, { speed: 0 });
    const entries: TrafficEntry[] = [];
    replay.subscribe((e) => entries.push(e));
    const done = new Promise<void>((resolve) => replay.onStatus((s) => s.done && resolve()));
    await replay.start();
    await done;
    await replay.close();
    expect(entries.map((e) => e.event ?? e.frame?.type)).toEqual([
      "open",
      "sms_received",
      "message_acknowledged",
      "open",
      "close",
    ]);
    expect(replay.status().detail).not.toContain("skipped");
    const rows = connectionRows(add(start(), entries).connections);
    expect(rows.map((r) => r.address)).toEqual(["[::1]:50002", "127.0.0.1:50001"]);
  });
});
