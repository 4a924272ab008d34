import { type Dispatch, useEffect } from "react";
import type { WatchSource } from "../../watch/types.js";
import type { DashboardAction } from "../state/types.js";

/** Keeps the reducer told of the source's status and its connection state (with the time it began). */
export function useSourceState(
  source: WatchSource,
  dispatch: Dispatch<DashboardAction>,
  now: () => number = Date.now,
): void {
  useEffect(() => {
    const connection = source.connection();
    if (connection) dispatch({ type: "connection", state: connection, at: now() });
    dispatch({ type: "source", status: source.status() });
    const stops = [
      source.onStatus((status) => dispatch({ type: "source", status })),
      source.onConnection((state) => dispatch({ type: "connection", state, at: now() })),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [source, dispatch, now]);
}
