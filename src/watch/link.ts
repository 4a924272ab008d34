import type { SupervisorClient } from "../client/supervisor-client.js";

/**
 * Connects the dashboard's client and keeps it so: the client itself retries a first connection
 * that fails and reconnects after a loss (`retryFirstConnection`, its one backoff policy); an
 * authentication failure is final until `reconnect`.
 */
export function keepConnected(client: SupervisorClient): { reconnect(): void; stop(): void } {
  let stopped = false;
  const connect = () => {
    // Rejects only for a refused token (shown as the `auth_failed` state) or after a disconnect.
    client.connect().catch(() => {});
  };
  connect();
  return {
    reconnect() {
      if (stopped) return;
      client.disconnect();
      connect();
    },
    stop() {
      stopped = true;
      client.disconnect();
    },
  };
}
