import type { ConnectionState } from "../client/types.js";
import type { TrafficEntry } from "../protocol/events.js";
import { Backlog, DEFAULT_BUFFER } from "./backlog.js";
import { Renumber } from "./renumber.js";
import type { SourceStatus, WatchNote } from "./types.js";

type Listener<T> = (value: T) => void;

function add<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

function call<T>(set: Set<Listener<T>>, value: T): void {
  for (const listener of set) {
    try {
      listener(value);
    } catch {
      // One listener's bug must not starve the others.
    }
  }
}

/** The listener bookkeeping every source shares: entries, status and connection state. */
export abstract class SourceBase {
  private readonly entryListeners = new Set<Listener<TrafficEntry>>();
  private readonly statusListeners = new Set<Listener<SourceStatus>>();
  private readonly connectionListeners = new Set<Listener<ConnectionState>>();
  private readonly noteListeners = new Set<Listener<WatchNote>>();
  private readonly numbers = new Renumber();
  private currentStatus: SourceStatus;
  private currentConnection: ConnectionState | undefined;
  private backlog: Backlog<TrafficEntry> | undefined;
  /** Entries held for a late subscriber, at most (the newest are kept). */
  protected readonly bufferLimit: number;

  protected constructor(status: SourceStatus, connection?: ConnectionState, buffer = DEFAULT_BUFFER) {
    this.currentStatus = status;
    this.currentConnection = connection;
    this.bufferLimit = Math.max(1, buffer);
  }

  status(): SourceStatus {
    return this.currentStatus;
  }

  /** Where the link stands; undefined for a source without a connection (replay). */
  connection(): ConnectionState | undefined {
    return this.currentConnection;
  }

  subscribe(listener: Listener<TrafficEntry>, options: { backlog?: boolean } = {}): () => void {
    const held = this.backlog;
    if (options.backlog && held) {
      this.backlog = undefined;
      for (const entry of held.drain()) listener(entry);
    }
    return add(this.entryListeners, listener);
  }

  holdBacklog(): void {
    this.backlog = new Backlog(this.bufferLimit);
  }

  onStatus(listener: Listener<SourceStatus>): () => void {
    return add(this.statusListeners, listener);
  }

  onConnection(listener: Listener<ConnectionState>): () => void {
    return add(this.connectionListeners, listener);
  }

  /** Notes for the feed that are not traffic: a supervisor restart, a reminder, a protocol warning. */
  onNote(listener: Listener<WatchNote>): () => void {
    return add(this.noteListeners, listener);
  }

  protected emitEntry(raw: TrafficEntry): void {
    const { entry, restarted } = this.numbers.map(raw);
    if (restarted)
      this.emitNote({
        kind: "restart",
        text: `the supervisor's numbering started again (it restarted?): numbers go on from #${entry.seq}`,
      });
    this.backlog?.push(entry);
    call(this.entryListeners, entry);
  }

  protected emitNote(note: WatchNote): void {
    call(this.noteListeners, note);
  }

  /** Numbering starts again (a replay played from the start). */
  protected resetNumbers(): void {
    this.numbers.reset();
  }

  protected setStatus(status: SourceStatus): void {
    this.currentStatus = status;
    call(this.statusListeners, status);
  }

  protected setConnection(state: ConnectionState): void {
    this.currentConnection = state;
    call(this.connectionListeners, state);
  }
}
