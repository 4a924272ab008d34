import type { ConnectionState } from "../../client/types.js";
import { DEFAULT_BUFFER } from "../../watch/backlog.js";
import type { SourceStatus } from "../../watch/types.js";
import {
  backspace,
  type ComposerMemory,
  fieldsOf,
  moveFocus,
  openComposer,
  remember,
  typeInto,
} from "./composer.js";
import { feedWindow, ingest, moveSelection, visibleEvents } from "./feed.js";
import { addToStats, emptyStats } from "./stats.js";
import type { DashboardAction, DashboardState } from "./types.js";

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
  };
}

/** The dashboard's state transitions. Pure: time and I/O results come in the actions. */
export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case "events": {
      if (action.entries.length === 0) return state;
      const { events, fresh, dropped, nextId } = ingest(state, action.entries);
      const listed = state.paused ? fresh.filter((e) => e.category !== "ping").length : 0;
      const paused = state.paused && { ...state.paused, newCount: state.paused.newCount + listed };
      return { ...state, events, dropped, nextId, paused, stats: addToStats(state.stats, fresh) };
    }
    case "connection": {
      const wasReady = state.connection?.state.status === "ready";
      const lost = wasReady && action.state.status !== "ready" && action.state.status !== "closed";
      const stats = lost ? { ...state.stats, reconnects: state.stats.reconnects + 1 } : state.stats;
      const pingMs = action.state.status === "ready" ? state.pingMs : undefined;
      return { ...state, stats, pingMs, connection: { state: action.state, since: action.at } };
    }
    case "source":
      return { ...state, source: action.status };
    case "ping":
      return { ...state, pingMs: action.ms };
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
        events: [],
        dropped: 0,
        follow: true,
        selectedId: undefined,
        topId: undefined,
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

function composerReducer(state: DashboardState, action: DashboardAction): DashboardState {
  const composer = state.composer;
  switch (action.type) {
    case "composer/open":
      return { ...state, help: false, composer: openComposer(action.kind, state.memory) };
    case "composer/cancel":
      return { ...state, composer: undefined };
    case "composer/sent":
      return {
        ...state,
        composer: undefined,
        memory: remember(state.memory, action.request),
        notice: { text: action.notice, tone: "info" },
      };
    case "notice":
      return { ...state, notice: action.notice };
    default:
      break;
  }
  if (!composer) return state;
  switch (action.type) {
    case "composer/type":
      return { ...state, composer: { ...typeInto(composer, action.text), failure: undefined } };
    case "composer/backspace":
      return { ...state, composer: backspace(composer) };
    case "composer/focus":
      return { ...state, composer: moveFocus(composer, action.delta) };
    case "composer/invalid": {
      const first = fieldsOf(composer.kind).findIndex((f) => action.errors[f] !== undefined);
      const focus = first === -1 ? composer.focus : first;
      return { ...state, composer: { ...composer, errors: action.errors, focus, status: "editing" } };
    }
    case "composer/sending":
      return { ...state, composer: { ...composer, errors: {}, status: "sending", failure: undefined } };
    case "composer/failed":
      return { ...state, composer: { ...composer, status: "editing", failure: action.message } };
    default:
      return state;
  }
}
