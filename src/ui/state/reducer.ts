import type { ConnectionState } from "../../client/types.js";
import { DEFAULT_BUFFER } from "../../watch/backlog.js";
import type { SourceStatus } from "../../watch/types.js";
import { samePing } from "../format/line.js";
import type { ComposerMemory } from "./composer.js";
import { composerReducer } from "./composer-reducer.js";
import { addToConnections } from "./connections.js";
import { markEvent } from "./event-model.js";
import { appendEvents, feedWindow, ingest, moveSelection, visibleEvents } from "./feed.js";
import { currentEvent } from "./selection.js";
import { addToStats, emptyStats } from "./stats.js";
import type { DashboardAction, DashboardState, FeedMark } from "./types.js";

export const DEFAULT_CAPACITY = DEFAULT_BUFFER;

export interface InitialStateOptions {
  capacity?: number;
  source: SourceStatus;
  /** Undefined for a source without a connection (replay). */
  connection?: ConnectionState;
  memory?: ComposerMemory;
  pageSize?: number;
  now?: number;
}

export function initialState(options: InitialStateOptions): DashboardState {
  return {
    capacity: Math.max(1, options.capacity ?? DEFAULT_CAPACITY),
    events: [],
    nextId: 1,
    dropped: 0,
    follow: true,
    selectedId: undefined,
    topId: undefined,
    pageSize: options.pageSize ?? 10,
    paused: undefined,
    filter: { text: "", editing: false },
    stats: emptyStats(),
    connection: options.connection ? { state: options.connection, since: options.now ?? 0 } : undefined,
    source: options.source,
    pingMs: undefined,
    composer: undefined,
    memory: options.memory ?? { sms: {}, email: {} },
    help: false,
    notice: undefined,
    full: undefined,
    connectionsPane: false,
    connections: {},
    hadLink: options.connection?.status === "ready",
  };
}

// What "restart" and "clear" both leave: no events, nothing selected, following the newest.
function emptyList() {
  return {
    events: [],
    dropped: 0,
    follow: true,
    selectedId: undefined,
    topId: undefined,
  } satisfies Partial<DashboardState>;
}

/** The line a change of the link leaves in the feed, if any. */
function linkMark(state: DashboardState, next: ConnectionState): FeedMark | undefined {
  const previous = state.connection?.state.status;
  if (previous === next.status) return undefined;
  if (previous === "ready" && next.status === "reconnecting")
    return { text: "disconnected: the link to the supervisor was lost; reconnecting", tone: "warn" };
  if (previous === "ready" && next.status === "closed")
    return { text: `disconnected: ${next.reason}`, tone: "warn" };
  if (next.status === "ready" && state.hadLink) return { text: "reconnected", tone: "info" };
  if (next.status === "auth_failed") return { text: next.message, tone: "error" };
  return undefined;
}

/** The dashboard's state transitions. Pure: time and I/O results come in the actions. */
export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case "events": {
      if (action.entries.length === 0) return state;
      const { events, fresh, dropped, nextId } = ingest(state, action.entries);
      const listed = state.paused ? fresh.filter((e) => e.category !== "ping").length : 0;
      const paused = state.paused && { ...state.paused, newCount: state.paused.newCount + listed };
      const connections = addToConnections(state.connections, fresh);
      return {
        ...state,
        events,
        dropped,
        nextId,
        paused,
        connections,
        stats: addToStats(state.stats, fresh),
      };
    }
    case "connection": {
      const wasReady = state.connection?.state.status === "ready";
      const lost = wasReady && action.state.status !== "ready" && action.state.status !== "closed";
      const stats = lost ? { ...state.stats, reconnects: state.stats.reconnects + 1 } : state.stats;
      const pingMs = action.state.status === "ready" ? state.pingMs : undefined;
      const mark = linkMark(state, action.state);
      const next = {
        ...state,
        stats,
        pingMs,
        connection: { state: action.state, since: action.at },
        hadLink: state.hadLink || action.state.status === "ready",
      };
      return mark ? { ...next, ...appendEvents(next, [markEvent(mark, next.nextId, action.at)]) } : next;
    }
    case "mark":
      return { ...state, ...appendEvents(state, [markEvent(action.mark, state.nextId, action.at)]) };
    case "restart":
      return {
        ...state,
        ...emptyList(),
        paused: undefined,
        full: undefined,
        stats: { ...emptyStats(), reconnects: state.stats.reconnects },
        connections: {},
      };
    case "full": {
      if (!action.open) return { ...state, full: undefined };
      const event = currentEvent(state);
      if (!event) return { ...state, notice: { text: "Select an event first (↑/↓).", tone: "error" } };
      return { ...state, full: { id: event.id, scroll: 0, max: 0 } };
    }
    case "full/scroll": {
      if (!state.full) return state;
      const scroll = Math.max(0, Math.min(state.full.max, state.full.scroll + action.delta));
      return { ...state, full: { ...state.full, scroll } };
    }
    case "full/max": {
      if (!state.full) return state;
      const max = Math.max(0, action.max);
      return { ...state, full: { ...state.full, max, scroll: Math.min(state.full.scroll, max) } };
    }
    case "connections":
      return { ...state, connectionsPane: action.open, help: false };
    case "source":
      return { ...state, source: action.status };
    case "ping":
      // The same state while the header's text would not change: no React commit, so no Ink frame
      // (~45 ms of CPU) for each 5-s ping of an idle dashboard.
      return samePing(state.pingMs, action.ms) ? state : { ...state, pingMs: action.ms };
    case "resize":
      return { ...state, pageSize: Math.max(1, action.pageSize) };
    case "move":
      return { ...state, ...moveSelection(state, action.delta) };
    case "page":
      return { ...state, ...moveSelection(state, action.direction * state.pageSize) };
    case "top": {
      const first = visibleEvents(state)[0];
      return { ...state, follow: false, selectedId: first?.id, topId: first?.id };
    }
    case "bottom":
      return { ...state, follow: true, selectedId: undefined, topId: undefined };
    case "pause":
      return state.paused
        ? { ...state, paused: undefined }
        : { ...state, paused: { events: state.events, newCount: 0 } };
    case "clear":
      return {
        ...state,
        ...emptyList(),
        paused: state.paused && { events: [], newCount: 0 },
      };
    case "help":
      return { ...state, help: action.open };
    case "filter/start":
      return { ...state, filter: { text: state.filter.text, editing: true } };
    case "filter/type":
      return keepSelection(state, { text: state.filter.text + action.text, editing: true });
    case "filter/backspace":
      return keepSelection(state, {
        text: Array.from(state.filter.text).slice(0, -1).join(""),
        editing: true,
      });
    case "filter/commit":
      return { ...state, filter: { text: state.filter.text.trim(), editing: false } };
    case "filter/cancel":
      return keepSelection(state, { text: "", editing: false });
    default:
      return composerReducer(state, action);
  }
}

/** A new filter keeps the selected event when it still matches, else follows the newest. */
function keepSelection(state: DashboardState, filter: DashboardState["filter"]): DashboardState {
  const next = { ...state, filter };
  if (state.follow || state.selectedId === undefined) return next;
  const visible = visibleEvents(next);
  const still = visible.some((e) => e.id === state.selectedId);
  if (!still) return { ...next, follow: true, selectedId: undefined, topId: undefined };
  return { ...next, topId: visible[feedWindow(visible, { ...next, topId: undefined }).top]?.id };
}
