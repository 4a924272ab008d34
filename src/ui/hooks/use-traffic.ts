import { type Dispatch, useCallback, useEffect } from "react";
import type { TrafficEntry } from "../../protocol/events.js";
import type { WatchNote, WatchSource } from "../../watch/types.js";
import type { DashboardAction } from "../state/types.js";
import { useBatch } from "./use-batch.js";

type Item = { entry: TrafficEntry } | { note: WatchNote; at: number } | { action: DashboardAction };

const TONE = { restart: "warn", reminder: "info", warning: "error" } as const;

/**
 * Feeds the source's entries (and its notes, in their place among them) into the reducer, batched
 * to at most one flush per `intervalMs`. Returns a dispatch that joins the same batch: a ping's
 * round-trip time then shows in the frame of its ping and pong, not in one of its own.
 */
export function useTraffic(
  source: WatchSource,
  dispatch: Dispatch<DashboardAction>,
  intervalMs = 50,
  now: () => number = Date.now,
): Dispatch<DashboardAction> {
  const flush = useCallback(
    (items: Item[]) => {
      let run: TrafficEntry[] = [];
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
