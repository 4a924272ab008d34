import { describe, expect, it } from "vitest";
import type { TrafficEntry } from "../../../src/protocol/events.js";
import { frameOf } from "../../../src/ui/state/event-model.js";
import { feedWindow, selectedEvent, visibleEvents } from "../../../src/ui/state/feed.js";
import { dashboardReducer, initialState } from "../../../src/ui/state/reducer.js";
import type { DashboardAction, DashboardState } from "../../../src/ui/state/types.js";
import { ack, broadcast, ping, sms, trafficEntry } from "../../helpers/traffic-entries.js";

const SOURCE = { kind: "embedded", label: "embedded supervisor" } as const;

function start(options: { capacity?: number; pageSize?: number } = {}): DashboardState {
  return initialState({ source: SOURCE, connection: { status: "idle" }, ...options });
}

const apply = (state: DashboardState, ...actions: DashboardAction[]) =>
  actions.reduce(dashboardReducer, state);
const add = (state: DashboardState, ...entries: TrafficEntry[]) => apply(state, { type: "events", entries });
const messages = (state: DashboardState) =>
  visibleEvents(state).map((e) => String(frameOf(e)?.message ?? e.type));
const selected = (state: DashboardState) => {
  const event = selectedEvent(visibleEvents(state), state);
  return event && frameOf(event)?.message;
};
const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => sms(`m${from + i}`));

describe("the ring buffer", () => {
  it("keeps the last `capacity` events and counts the ones it drops", () => {
    let state = add(start({ capacity: 3 }), ...many(2));
    state = add(state, ...many(3, 2));
    expect(messages(state)).toEqual(["m2", "m3", "m4"]);
    expect(state.dropped).toBe(2);
    expect(state.events.map((e) => e.id)).toEqual([3, 4, 5]);
  });

  it("counts every event in the stats, dropped or not", () => {
    const state = add(start({ capacity: 2 }), ...many(5));
    expect(state.stats.byCategory.sms).toBe(5);
  });

  it("ignores an empty batch", () => {
    const state = start();
    expect(add(state)).toBe(state);
  });
});

describe("selection and follow mode", () => {
  it("follows the newest event until a key moves the selection", () => {
    let state = add(start({ pageSize: 3 }), ...many(5));
    expect(state.follow).toBe(true);
    expect(selected(state)).toBe("m4");
    state = apply(state, { type: "move", delta: -1 });
    expect(state.follow).toBe(false);
    expect(selected(state)).toBe("m3");
    state = add(state, ...many(2, 5));
    expect(selected(state)).toBe("m3");
    state = apply(state, { type: "bottom" });
    expect(state.follow).toBe(true);
    expect(selected(state)).toBe("m6");
  });

  it("g goes to the first event, and the window scrolls with the selection", () => {
    let state = add(start({ pageSize: 3 }), ...many(10));
    state = apply(state, { type: "top" });
    let window = feedWindow(visibleEvents(state), state);
    expect(window.rows.map((e) => frameOf(e)?.message)).toEqual(["m0", "m1", "m2"]);
    expect(window.selected).toBe(0);
    state = apply(state, { type: "move", delta: 3 });
    window = feedWindow(visibleEvents(state), state);
    expect(window.rows.map((e) => frameOf(e)?.message)).toEqual(["m1", "m2", "m3"]);
    expect(selected(state)).toBe("m3");
  });

  it("pages by the window height and stops at the ends", () => {
    let state = add(start({ pageSize: 4 }), ...many(10));
    state = apply(state, { type: "page", direction: -1 });
    expect(selected(state)).toBe("m5");
    state = apply(state, { type: "page", direction: -1 }, { type: "page", direction: -1 });
    expect(selected(state)).toBe("m0");
    state = apply(state, { type: "page", direction: 1 });
    expect(selected(state)).toBe("m4");
    state = apply(state, { type: "move", delta: 100 });
    expect(selected(state)).toBe("m9");
  });

  it("moves to the oldest kept event when the selected one is dropped", () => {
    let state = add(start({ capacity: 3, pageSize: 3 }), ...many(3));
    state = apply(state, { type: "top" });
    state = add(state, ...many(2, 3));
    expect(selected(state)).toBe("m2");
  });

  it("selects nothing in an empty feed", () => {
    const state = apply(start(), { type: "move", delta: -1 });
    expect(feedWindow(visibleEvents(state), state).selected).toBe(-1);
  });
});

describe("pause", () => {
  it("freezes the feed, keeps collecting, and counts what arrived", () => {
    let state = add(start(), ...many(2));
    state = apply(state, { type: "pause" });
    state = add(state, ...many(3, 2), ping());
    expect(messages(state)).toEqual(["m0", "m1"]);
    expect(state.paused?.newCount).toBe(3);
    expect(state.events).toHaveLength(6);
    expect(state.stats.byCategory.sms).toBe(5);
    state = apply(state, { type: "pause" });
    expect(state.paused).toBeUndefined();
    expect(messages(state)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
  });

  it("clear empties the feed but not the stats", () => {
    let state = add(start({ capacity: 2 }), ...many(3));
    state = apply(state, { type: "clear" });
    expect(state.events).toEqual([]);
    expect(state.dropped).toBe(0);
    expect(state.stats.byCategory.sms).toBe(3);
    state = add(state, sms("after"));
    expect(messages(state)).toEqual(["after"]);
  });
});

describe("filter", () => {
  const mixed = () =>
    add(start(), sms("hello alice"), ack(1, 3), sms("bye", "bob"), broadcast("weather"), ping());

  it("hides ping/pong keepalives unless the filter asks for them", () => {
    expect(messages(mixed())).toEqual(["hello alice", "message_acknowledged", "bye", "user_transcription"]);
    const state = apply(mixed(), { type: "filter/start" }, { type: "filter/type", text: "ping" });
    expect(messages(state)).toEqual(["ping"]);
  });

  it("matches a category name on the category only", () => {
    const state = apply(mixed(), { type: "filter/type", text: "sms" });
    expect(messages(state)).toEqual(["hello alice", "bye"]);
  });

  it("matches type:<name> on part of the type, and other text on user or summary", () => {
    expect(messages(apply(mixed(), { type: "filter/type", text: "type:acknow" }))).toEqual([
      "message_acknowledged",
    ]);
    expect(messages(apply(mixed(), { type: "filter/type", text: "BOB" }))).toEqual(["bye"]);
    expect(messages(apply(mixed(), { type: "filter/type", text: "weather" }))).toEqual([
      "user_transcription",
    ]);
  });

  it("requires every term to match", () => {
    expect(messages(apply(mixed(), { type: "filter/type", text: "sms alice" }))).toEqual(["hello alice"]);
  });

  it("edits, commits and cancels", () => {
    let state = apply(mixed(), { type: "filter/start" }, { type: "filter/type", text: "bobx" });
    expect(state.filter).toEqual({ text: "bobx", editing: true });
    state = apply(state, { type: "filter/backspace" }, { type: "filter/commit" });
    expect(state.filter).toEqual({ text: "bob", editing: false });
    expect(messages(state)).toEqual(["bye"]);
    state = apply(state, { type: "filter/cancel" });
    expect(state.filter.text).toBe("");
  });

  it("keeps the selected event when it still matches, else follows again", () => {
    let state = apply(mixed(), { type: "resize", pageSize: 2 }, { type: "top" });
    state = apply(state, { type: "filter/type", text: "alice" });
    expect(state.follow).toBe(false);
    expect(selected(state)).toBe("hello alice");
    state = apply(state, { type: "filter/type", text: "zzz" });
    expect(state.follow).toBe(true);
  });
});

describe("stats", () => {
  it("counts per type, replies by kind, errors and request latency", () => {
    const latencies = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    const entries = latencies.flatMap((ms, i) => [sms(`m${i}`), ack(100 + i, ms)]);
    const error = trafficEntry(
      { type: "error", message: "Not authenticated" },
      { direction: "out", reply_to: 1, latency_ms: 50 },
    );
    const raw = trafficEntry(null, { direction: "out", raw: "garbage" });
    const pong = trafficEntry({ type: "pong" }, { direction: "out", reply_to: 2, latency_ms: 999 });
    const state = add(start(), ...entries, error, raw, pong, broadcast("hi"));
    const { stats } = state;
    expect(stats.byCategory).toMatchObject({ sms: 10, ack: 10, error: 1, unknown: 1, ping: 1, broadcast: 1 });
    expect(stats.repliesByType).toEqual({ message_acknowledged: 10, error: 1 });
    expect(stats.errors).toBe(2);
    // pong is not a request latency; the error reply is.
    expect([...stats.latencies].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50]);
  });

  it("counts a reconnect each time a ready link is lost", () => {
    const at = 0;
    const state = apply(
      start(),
      { type: "connection", state: { status: "ready" }, at },
      { type: "connection", state: { status: "reconnecting", attempt: 1, delayMs: 200 }, at },
      { type: "connection", state: { status: "connecting", attempt: 1 }, at },
      { type: "connection", state: { status: "ready" }, at },
      { type: "connection", state: { status: "closed", reason: "disconnect() was called" }, at },
    );
    expect(state.stats.reconnects).toBe(1);
  });

  it("keeps the same state object for a ping the header would show the same (no frame)", () => {
    const ready = apply(
      start(),
      { type: "connection", state: { status: "ready" }, at: 0 },
      { type: "ping", ms: 0.9 },
    );
    expect(dashboardReducer(ready, { type: "ping", ms: 0.7 })).toBe(ready);
    // Jitter across a rounding edge (<1 ms / 1 ms) is no change either.
    expect(dashboardReducer(ready, { type: "ping", ms: 1.2 })).toBe(ready);
    const slower = apply(ready, { type: "ping", ms: 12.2 });
    expect(dashboardReducer(slower, { type: "ping", ms: 11.9 })).toBe(slower);
    expect(apply(slower, { type: "ping", ms: 40 }).pingMs).toBe(40);
    expect(apply(slower, { type: "ping", ms: undefined }).pingMs).toBeUndefined();
  });

  it("forgets the ping time when the link is not ready", () => {
    let state = apply(
      start(),
      { type: "connection", state: { status: "ready" }, at: 0 },
      { type: "ping", ms: 3 },
    );
    expect(state.pingMs).toBe(3);
    state = apply(state, {
      type: "connection",
      state: { status: "reconnecting", attempt: 1, delayMs: 9 },
      at: 5,
    });
    expect(state.pingMs).toBeUndefined();
    expect(state.connection).toEqual({ state: { status: "reconnecting", attempt: 1, delayMs: 9 }, since: 5 });
  });
});

describe("help and notices", () => {
  it("opens and closes the help overlay; the composer closes it", () => {
    let state = apply(start(), { type: "help", open: true });
    expect(state.help).toBe(true);
    state = apply(state, { type: "composer/open", kind: "sms" });
    expect(state.help).toBe(false);
  });
});

describe("marks (connect, disconnect, restart lines)", () => {
  const mark = (text: string): DashboardAction => ({ type: "mark", mark: { text, tone: "info" }, at: 0 });

  it("are stepped over by the selection, following or moving", () => {
    let state = apply(add(start(), sms("first")), mark("c2 connected"));
    state = apply(add(state, sms("second")), mark("c2 disconnected"));
    // Following: the newest event, not the disconnect line after it.
    expect(selected(state)).toBe("second");
    state = apply(state, { type: "move", delta: -1 });
    expect(selected(state)).toBe("first");
    state = apply(state, { type: "move", delta: 1 });
    expect(selected(state)).toBe("second");
    // Past the end: the last event, not the mark below it.
    expect(selected(apply(state, { type: "move", delta: 5 }))).toBe("second");
  });
});
