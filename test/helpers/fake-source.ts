import type { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ConnectionState } from "../../src/client/types.js";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { SourceBase } from "../../src/watch/source-base.js";
import type { SourceStatus, WatchSource } from "../../src/watch/types.js";

/** A source the test drives by hand: `push` entries, `setState` the connection, `setSourceStatus`. */
export class HandSource extends SourceBase implements WatchSource {
  readonly client: SupervisorClient | undefined = undefined;
  reconnects = 0;

  constructor(
    readonly url = "ws://127.0.0.1:9999",
    status: SourceStatus = { kind: "embedded", label: "embedded supervisor", detail: "responder echo" },
    connection: ConnectionState | undefined = { status: "ready" },
  ) {
    super(status, connection);
  }

  push(...entries: TrafficEntry[]): void {
    for (const entry of entries) this.emitEntry(entry);
  }

  setState(state: ConnectionState): void {
    this.setConnection(state);
  }

  setSourceStatus(status: SourceStatus): void {
    this.setStatus(status);
  }

  async start(): Promise<void> {}

  reconnect(): void {
    this.reconnects += 1;
  }

  async close(): Promise<void> {}
}
