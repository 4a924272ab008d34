import { type Dispatch, useCallback, useEffect } from "react";
import type { TrafficEntry } from "../../protocol/events.js";
import type { WatchSource } from "../../watch/types.js";
import type { DashboardAction } from "../state/types.js";
import { useBatch } from "./use-batch.js";

/** Feeds the source's entries into the reducer, batched to at most one dispatch per `intervalMs`. */
export function useTraffic(source: WatchSource, dispatch: Dispatch<DashboardAction>, intervalMs = 50): void {
  const flush = useCallback((entries: TrafficEntry[]) => dispatch({ type: "events", entries }), [dispatch]);
  const push = useBatch(flush, intervalMs);
  useEffect(() => source.subscribe(push, { backlog: true }), [source, push]);
}
