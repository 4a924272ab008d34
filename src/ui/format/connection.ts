import type { ConnectionState } from "../../client/types.js";

/**
 * How a connection state reads: `ready`, `reconnecting in 3 s, attempt 2`, `auth failed: …`.
 * `elapsedMs` (time since the state began) counts the reconnect delay down.
 */
export function describeConnection(state: ConnectionState, elapsedMs = 0): string {
  switch (state.status) {
    case "idle":
      return "not connected";
    case "connecting":
      return "connecting";
    case "authenticating":
      return "authenticating";
    case "ready":
      return "ready";
    case "reconnecting": {
      const left = Math.max(0, Math.ceil((state.delayMs - elapsedMs) / 1000));
      return `reconnecting in ${left} s, attempt ${state.attempt}`;
    }
    case "closed":
      return `closed: ${state.reason}`;
    case "auth_failed":
      return `auth failed: ${state.message.replace(/^Authentication failed: /, "")}`;
  }
}
