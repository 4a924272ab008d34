import { NotConnectedError } from "./errors.js";
import type { QueueLimits } from "./send-queue.js";
import type { ConnectionState } from "./types.js";

// The errors of a send that finds no ready connection, worded by where the connection stands.

/** The reason of `disconnect()`: in the closed state, and in the errors of sends after it. */
export const DISCONNECTED = "disconnect() was called";

const CONNECT_FIRST_HINT = "Call connect() first, or pass { waitForReady: true }.";

/** After disconnect(): in-flight, queued and later sends. */
export const disconnectedError = (): NotConnectedError =>
  new NotConnectedError(`WebSocket not connected: ${DISCONNECTED}`);

/** A send without `waitForReady` while not ready; `lastLoss` says why the last ready connection went. */
export function notReadyError(state: ConnectionState, lastLoss: string | undefined): NotConnectedError {
  if (state.status === "idle")
    return new NotConnectedError("WebSocket not connected (idle)", CONNECT_FIRST_HINT);
  const lost = lastLoss === undefined ? "" : `; the connection was lost: ${lastLoss}`;
  if (state.status === "reconnecting" || state.status === "connecting" || state.status === "authenticating")
    return new NotConnectedError(
      `WebSocket not connected (${state.status}${lost})`,
      `${new NotConnectedError().hint} Or pass { waitForReady: true } to wait for the reconnect.`,
    );
  return new NotConnectedError(`WebSocket not connected (${state.status}${lost})`);
}

/** A `waitForReady` send that would overflow the queue. */
export function queueFullError({ maxMessages, maxBytes }: QueueLimits): NotConnectedError {
  const detail = `the send queue is full (${maxMessages} messages, ${maxBytes} bytes)`;
  return new NotConnectedError(`WebSocket not connected and ${detail}`);
}
