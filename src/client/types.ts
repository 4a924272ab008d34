import type WebSocket from "ws";
import type { Clock } from "../clock.js";
import type { XswarmError } from "../protocol/errors.js";
import type { ClientMessage } from "../protocol/messages.js";
import type { ParsedEvent } from "../protocol/parse.js";
import type { ProtocolWarning, ReminderBroadcast } from "./reply-queue.js";

export type { ProtocolWarning, ReminderBroadcast } from "./reply-queue.js";

/** Where the client's connection stands. `reconnecting` carries the attempt number and the delay before it. */
export type ConnectionState =
  | { status: "idle" }
  /** `attempt` is 0 for the first connection, then the reconnect attempt number. */
  | { status: "connecting"; attempt: number }
  | { status: "authenticating" }
  | { status: "ready" }
  | { status: "reconnecting"; attempt: number; delayMs: number }
  /** `error` is set when a failure (not `disconnect()`) closed the client. */
  | { status: "closed"; reason: string; error?: XswarmError }
  | { status: "auth_failed"; message: string };

export type ConnectionStatus = ConnectionState["status"];

/** Time, injectable so that tests of backoff and timeouts are exact: the tree's one Clock. */
export type { Clock } from "../clock.js";

export interface ReconnectOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

export interface SupervisorClientOptions {
  /** Default from the configuration: SUPERVISOR_URL, else ws://127.0.0.1:9999. */
  url?: string;
  /** Default from the configuration: SUPERVISOR_TOKEN, else dev-token-12345. */
  authToken?: string;
  /** Per request, counted from the call. Default 10000. */
  requestTimeoutMs?: number;
  /** Socket open plus auth. Default 5000. */
  connectTimeoutMs?: number;
  /** WebSocket ping frame interval. Default 2500; 0 turns the heartbeat off. */
  heartbeatIntervalMs?: number;
  /**
   * Terminate and reconnect when nothing (no pong, no frame) came in this time after a ping. While
   * requests wait, their timeout decides (a busy supervisor answers pings late). Default 2500.
   */
  heartbeatTimeoutMs?: number;
  /** Backoff after an unexpected close (full jitter, capped), or false for none. */
  reconnect?: ReconnectOptions | false;
  /**
   * When true, a first connect() that is refused or fails is retried with the `reconnect` backoff
   * (states `reconnecting` with attempt and delay) and resolves once ready; an auth failure still
   * rejects, and so does giving up after `maxAttempts`. Default false: a failed first connect() rejects.
   * Needs `reconnect` (not false).
   */
  retryFirstConnection?: boolean;
  /** Bound of the queue of `waitForReady` sends. Defaults 100 messages, 1 MiB. */
  queue?: { maxMessages?: number; maxBytes?: number };
  /** Opens the socket. Default: `new WebSocket(url, { perMessageDeflate: false })` from ws. */
  createWebSocket?: (url: string) => WebSocket;
  clock?: Clock;
  /** In [0, 1). Default Math.random. */
  random?: () => number;
}

export interface SendOptions {
  /** Wait in the bounded queue while not ready, instead of rejecting with NotConnectedError. */
  waitForReady?: boolean;
  /** Overrides `requestTimeoutMs` for this call. */
  timeoutMs?: number;
}

/** What the client emits. Listen with `client.on(name, listener)`. */
export interface SupervisorClientEvents {
  state: [state: ConnectionState];
  /** Every text or binary frame received, parsed: replies, broadcasts, unknown and invalid alike. */
  event: [parsed: ParsedEvent];
  /** Every message written to the socket (an `auth` token is masked). */
  sent: [message: ClientMessage];
  /**
   * A reminder broadcast (`send_sms_response` / `send_email_response` that is not a reply): the Node.js
   * side delivers these. `ambiguous`: it was taken as the reply of a waiting request for the same user.
   */
  reminder: [reminder: ReminderBroadcast];
  /** A reply that fits no waiting request (e.g. a server that answers twice). It was not taken. */
  protocol_warning: [warning: ProtocolWarning];
}
