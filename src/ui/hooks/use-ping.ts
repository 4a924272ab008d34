import { type Dispatch, useEffect } from "react";
import type { SupervisorClient } from "../../client/supervisor-client.js";
import type { DashboardAction } from "../state/types.js";

/** Pings the supervisor every `intervalMs` while the link is ready, for the header's round-trip time. */
export function usePing(
  client: SupervisorClient | undefined,
  ready: boolean,
  dispatch: Dispatch<DashboardAction>,
  intervalMs = 5000,
): void {
  useEffect(() => {
    if (!client || !ready) return;
    let live = true;
    const ping = () => {
      client.ping({ timeoutMs: Math.max(1000, intervalMs) }).then(
        (ms) => live && dispatch({ type: "ping", ms }),
        () => live && dispatch({ type: "ping", ms: undefined }),
      );
    };
    ping();
    const timer = setInterval(ping, intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, ready, dispatch, intervalMs]);
}
