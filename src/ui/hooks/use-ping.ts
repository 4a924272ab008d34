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
    // The link's first round trip runs through cold code (~100 ms against a local supervisor's
    // ~1 ms): shown, the next ping changed the header, a frame (~20 ms of CPU) 5 s into an idle
    // dashboard. That first answer is a warm-up: a second ping follows at once and its time is shown.
    const ping = (warmUp: boolean) => {
      client.ping({ timeoutMs: Math.max(1000, intervalMs) }).then(
        (ms) => {
          if (!live) return;
          if (warmUp) ping(false);
          else dispatch({ type: "ping", ms });
        },
        () => live && dispatch({ type: "ping", ms: undefined }),
      );
    };
    ping(true);
    const timer = setInterval(() => ping(false), intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, ready, dispatch, intervalMs]);
}
