import { type Dispatch, useCallback, useEffect, useRef } from "react";
import type { TrafficEntry } from "../../protocol/events.js";
import type { WatchNote, WatchSource } from "../../watch/types.js";
import { isKeepalive } from "../state/event-model.js";
import type { DashboardAction } from "../state/types.js";
import { useBatch } from "./use-batch.js";

type Item = { entry: TrafficEntry } | { note: WatchNote; at: number } | { action: DashboardAction };

const TONE = { restart: "warn", reminder: "info", warning: "error" } as const;

/** Hidden keepalives held back at most: past this many they go in, so the ring buffer stays the bound. */
export const HOLD_LIMIT = 256;

/** A ping or pong entry, or the header's round-trip time (the reducer keeps its state when unchanged). */
const quiet = (item: Item) =>
  "entry" in item ? isKeepalive(item.entry) : "action" in item && item.action.type === "ping";

/**
 * Feeds the source's entries (and its notes, in their place among them) into the reducer, batched
 * to at most one flush per `intervalMs`. Returns a dispatch that joins the same batch: a ping's
 * round-trip time then shows in the frame of its ping and pong, not in one of its own.
 *
 * While `holdKeepalives` (the feed hides ping/pong and the connections pane is closed) a batch of
 * only pings and pongs is held back and goes in, in order, before the next batch that has anything
 * else: nothing on screen shows them, and each state change costs a full Ink frame (~45 ms of CPU),
 * which for the dashboard's own ping every 5 s was most of an idle dashboard's CPU.
 */
export function useTraffic(
  source: WatchSource,
  dispatch: Dispatch<DashboardAction>,
  intervalMs = 50,
  now: () => number = Date.now,
  holdKeepalives = false,
): Dispatch<DashboardAction> {
  const held = useRef<TrafficEntry[]>([]);
  const hold = useRef(holdKeepalives);
  hold.current = holdKeepalives;
  const flush = useCallback(
    (items: Item[]) => {
      if (hold.current && held.current.length + items.length <= HOLD_LIMIT && items.every(quiet)) {
        for (const item of items) {
          if ("entry" in item) held.current.push(item.entry);
          else if ("action" in item) dispatch(item.action);
        }
        return;
      }
      let run: TrafficEntry[] = held.current;
      held.current = [];
      for (const item of items) {
        if ("entry" in item) {
          run.push(item.entry);
          continue;
        }
        if (run.length > 0) dispatch({ type: "events", entries: run });
        run = [];
        if ("action" in item) dispatch(item.action);
        else
          dispatch({ type: "mark", mark: { text: item.note.text, tone: TONE[item.note.kind] }, at: item.at });
      }
      if (run.length > 0) dispatch({ type: "events", entries: run });
    },
    [dispatch],
  );
  // The feed now shows keepalives (a `ping` filter, the connections pane): the held ones go in.
  useEffect(() => {
    if (holdKeepalives || held.current.length === 0) return;
    const entries = held.current;
    held.current = [];
    dispatch({ type: "events", entries });
  }, [holdKeepalives, dispatch]);
  const push = useBatch(flush, intervalMs);
  useEffect(() => {
    const stops = [
      source.subscribe((entry) => push({ entry }), { backlog: true }),
      source.onNote((note) => push({ note, at: now() })),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [source, push, now]);
  return useCallback((action: DashboardAction) => push({ action }), [push]);
}
