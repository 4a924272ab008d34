import type { ConnectionState } from "../../client/types.js";
import type { TrafficEntry } from "../../protocol/events.js";
import type { SourceStatus } from "../../watch/types.js";
import type {
  ComposerField,
  ComposerKind,
  ComposerMemory,
  ComposerState,
  ValidatedRequest,
} from "./composer.js";
import type { ConnectionRow } from "./connections.js";
import type { FeedEvent } from "./event-model.js";
import type { EditOp } from "./line-editor.js";
import type { Stats } from "./stats.js";

export type Notice = { text: string; tone: "info" | "error" };

/** Everything the dashboard shows. Changed only by `dashboardReducer`. */
export interface DashboardState {
  /** Bound of the ring buffer. */
  capacity: number;
  /** Oldest first; at most `capacity`. */
  events: readonly FeedEvent[];
  nextId: number;
  /** Events pushed out of the ring buffer since the start (or the last clear). */
  dropped: number;
  /** Selection sticks to the newest event. */
  follow: boolean;
  selectedId: number | undefined;
  /** First row of the feed window when not following. */
  topId: number | undefined;
  /** Rows in the feed window (PgUp/PgDn step). */
  pageSize: number;
  /**
   * While paused the feed shows `events` as they were when `p` was pressed; new events still go into
   * the ring buffer and the stats, and those the feed would list are counted in `newCount`.
   */
  paused: { events: readonly FeedEvent[]; newCount: number } | undefined;
  filter: { text: string; editing: boolean };
  stats: Stats;
  /** Undefined when the source has no connection (replay). */
  connection: { state: ConnectionState; since: number } | undefined;
  source: SourceStatus;
  pingMs: number | undefined;
  composer: ComposerState | undefined;
  memory: ComposerMemory;
  help: boolean;
  notice: Notice | undefined;
  /** The full-screen view of one event (Enter): its id and how far it is scrolled. */
  full: { id: number; scroll: number; max: number } | undefined;
  /** The connections pane (C) is open. */
  connectionsPane: boolean;
  /** What the feed has shown of each client connection, by id. */
  connections: Readonly<Record<string, ConnectionRow>>;
  /** The link has been ready once: a later `ready` is a reconnect. */
  hadLink: boolean;
}

/** A line in the feed that is not traffic: the link went down or came back, a supervisor restarted, a reminder. */
export interface FeedMark {
  text: string;
  tone: "info" | "warn" | "error";
}

export type DashboardAction =
  | { type: "events"; entries: readonly TrafficEntry[] }
  | { type: "connection"; state: ConnectionState; at: number }
  | { type: "source"; status: SourceStatus }
  | { type: "ping"; ms: number | undefined }
  | { type: "resize"; pageSize: number }
  | { type: "move"; delta: number }
  | { type: "page"; direction: 1 | -1 }
  | { type: "top" }
  | { type: "bottom" }
  | { type: "pause" }
  | { type: "clear" }
  | { type: "help"; open: boolean }
  | { type: "filter/start" }
  | { type: "filter/type"; text: string }
  | { type: "filter/backspace" }
  | { type: "filter/commit" }
  | { type: "filter/cancel" }
  | { type: "composer/open"; kind: ComposerKind }
  | { type: "composer/type"; text: string }
  | { type: "composer/backspace" }
  | { type: "composer/focus"; delta: number }
  | { type: "composer/invalid"; errors: Partial<Record<ComposerField, string>> }
  | { type: "composer/sending" }
  | { type: "composer/sent"; request: ValidatedRequest; notice: string }
  | { type: "composer/failed"; message: string }
  | { type: "composer/cancel" }
  | { type: "notice"; notice: Notice | undefined }
  | { type: "composer/edit"; op: EditOp }
  | { type: "composer/from-event" }
  | { type: "composer/body"; text: string }
  | { type: "full"; open: boolean }
  | { type: "full/scroll"; delta: number }
  /** The full view's last scroll position, from the lines it has at the terminal's width. */
  | { type: "full/max"; max: number }
  | { type: "connections"; open: boolean }
  /** A replay that starts over: the feed and the totals start again. */
  | { type: "restart" }
  | { type: "mark"; mark: FeedMark; at: number };
