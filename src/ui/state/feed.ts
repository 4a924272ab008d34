import type { TrafficEntry } from "../../protocol/events.js";
import { type FeedEvent, toFeedEvent } from "./event-model.js";
import { matchesFilter, parseFilter } from "./filter.js";
import type { DashboardState } from "./types.js";

/** Index of the first event whose id is ≥ `id` (events are sorted by id), or `events.length`. */
export function indexAtOrAfter(events: readonly FeedEvent[], id: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.id ?? Number.POSITIVE_INFINITY) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends to the ring buffer, dropping (and counting) the oldest beyond `capacity`. */
export function ingest(
  state: DashboardState,
  entries: readonly TrafficEntry[],
): { events: FeedEvent[]; fresh: FeedEvent[]; dropped: number; nextId: number } {
  const names = new Map<string, string>();
  const fresh = entries.map((entry, i) => toFeedEvent(entry, state.nextId + i, names));
  let events = state.events.concat(fresh);
  let dropped = state.dropped;
  if (events.length > state.capacity) {
    dropped += events.length - state.capacity;
    events = events.slice(events.length - state.capacity);
  }
  return { events, fresh, dropped, nextId: state.nextId + entries.length };
}

/** Appends events the reducer made itself (marks), with the ring buffer's bound. */
export function appendEvents(
  state: DashboardState,
  made: readonly FeedEvent[],
): Pick<DashboardState, "events" | "dropped" | "nextId"> {
  let events = state.events.concat(made);
  let dropped = state.dropped;
  if (events.length > state.capacity) {
    dropped += events.length - state.capacity;
    events = events.slice(events.length - state.capacity);
  }
  return { events, dropped, nextId: state.nextId + made.length };
}

/** The events the feed shows: frozen at the pause point, filtered, ping/pong hidden unless asked for. */
export function visibleEvents(state: {
  events: readonly FeedEvent[];
  paused: { events: readonly FeedEvent[] } | undefined;
  filter: { text: string };
}): readonly FeedEvent[] {
  const query = parseFilter(state.filter.text);
  return (state.paused?.events ?? state.events).filter((event) => matchesFilter(query, event));
}

export interface FeedWindow {
  rows: readonly FeedEvent[];
  /** Index into `rows` of the selected row, or -1 when the feed is empty. */
  selected: number;
  /** Index into the visible list of the first row. */
  top: number;
  total: number;
}

/** Which rows are on screen: the newest when following, else a window that keeps the selection in view. */
export function feedWindow(
  visible: readonly FeedEvent[],
  view: Pick<DashboardState, "follow" | "selectedId" | "topId" | "pageSize">,
): FeedWindow {
  const total = visible.length;
  const size = Math.max(1, view.pageSize);
  if (total === 0) return { rows: [], selected: -1, top: 0, total };
  let selected =
    view.follow || view.selectedId === undefined
      ? landOnEvent(visible, total - 1, -1)
      : indexAtOrAfter(visible, view.selectedId);
  if (selected >= total) selected = total - 1;
  let top = view.follow || view.topId === undefined ? total - size : indexAtOrAfter(visible, view.topId);
  if (selected < top) top = selected;
  if (selected >= top + size) top = selected - size + 1;
  top = Math.max(0, Math.min(top, total - size));
  return { rows: visible.slice(top, top + size), selected: selected - top, top, total };
}

/** Moves the selection by `delta` rows; leaves follow mode. Returns the new view fields. */
export function moveSelection(
  state: DashboardState,
  delta: number,
): Pick<DashboardState, "follow" | "selectedId" | "topId"> {
  const visible = visibleEvents(state);
  const current = feedWindow(visible, state);
  if (current.selected === -1) return { follow: state.follow, selectedId: undefined, topId: undefined };
  const target = Math.max(0, Math.min(visible.length - 1, current.top + current.selected + delta));
  const index = landOnEvent(visible, target, delta < 0 ? -1 : 1);
  const next = feedWindow(visible, {
    follow: false,
    selectedId: visible[index]?.id,
    topId: visible[current.top]?.id,
    pageSize: state.pageSize,
  });
  return { follow: false, selectedId: visible[index]?.id, topId: visible[next.top]?.id };
}

/**
 * The nearest row from `index` that is an event, not a mark (a connect, disconnect or restart line):
 * marks separate the feed, the selection steps over them. Looks in `step`'s direction first, then
 * back; a feed of marks only keeps `index`.
 */
function landOnEvent(visible: readonly FeedEvent[], index: number, step: -1 | 1): number {
  for (let i = index; i >= 0 && i < visible.length; i += step) if (!visible[i]?.mark) return i;
  for (let i = index - step; i >= 0 && i < visible.length; i -= step) if (!visible[i]?.mark) return i;
  return index;
}

/** The selected event, as the details pane shows it. */
export function selectedEvent(visible: readonly FeedEvent[], state: DashboardState): FeedEvent | undefined {
  const window = feedWindow(visible, state);
  return window.rows[window.selected];
}
