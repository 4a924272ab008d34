import type { SupervisorClient } from "../client/supervisor-client.js";
import type { ConnectionState } from "../client/types.js";
import type { TrafficEntry } from "../protocol/events.js";

/**
 * Where the dashboard's events come from:
 * - `feed`: a supervisor's traffic feed over `monitor` (every client's traffic);
 * - `own`: this connection's own sends, replies and broadcasts (the supervisor has no feed);
 * - `embedded`: the in-process supervisor's feed;
 * - `replay`: a recorded JSON-lines file;
 * - `pending`: not known yet (connecting, or waiting for the answer to `monitor`).
 */
export type SourceKind = "feed" | "own" | "embedded" | "replay" | "pending";

export interface SourceStatus {
  kind: SourceKind;
  /** Short, for the header: `supervisor feed`, `own connection`, `embedded supervisor`, `replay`. */
  label: string;
  /** One more line of explanation, e.g. the hint to use `xswarm-dev tap`. */
  detail?: string;
  /** Nothing more will come (a replay that reached the end of its file). */
  done?: boolean;
}

/** Something for the feed that is not a frame of traffic. */
export interface WatchNote {
  kind: "restart" | "reminder" | "warning";
  text: string;
}

/** A uniform stream of traffic entries plus what the header says about it. */
export interface WatchSource {
  /** The supervisor's URL, or the replayed file. */
  readonly url: string;
  /** The client used for sending, pinging and reconnecting; absent in replay. */
  readonly client: SupervisorClient | undefined;
  status(): SourceStatus;
  /** Where the link stands; undefined for a source without a connection (replay). */
  connection(): ConnectionState | undefined;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /**
   * Calls `listener` for each entry; returns the unsubscribe function. With `backlog`, the listener
   * first gets what was held since `holdBacklog()` (and holding stops).
   */
  subscribe(listener: (entry: TrafficEntry) => void, options?: { backlog?: boolean }): () => void;
  /** Keeps entries from now on, for the first subscriber that asks for the backlog. */
  holdBacklog(): void;
  onStatus(listener: (status: SourceStatus) => void): () => void;
  /** Notes that are not traffic (a supervisor restart, a reminder, a protocol warning). */
  onNote(listener: (note: WatchNote) => void): () => void;
  /** Starts delivering entries (connects, starts the supervisor, opens the file). */
  start(): Promise<void>;
  /** Drops the connection and connects again at once (replay: starts over). */
  reconnect(): void;
  /** Stops: closes the client, the embedded supervisor, the file. Idempotent. */
  close(): Promise<void>;
}
