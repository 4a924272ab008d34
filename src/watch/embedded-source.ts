import type { SupervisorClient } from "../client/supervisor-client.js";
import { startSupervisor } from "../supervisor/server.js";
import type { StartSupervisorOptions, SupervisorHandle } from "../supervisor/types.js";
import { keepConnected } from "./link.js";
import { redactEntry } from "./redact.js";
import { SourceBase } from "./source-base.js";
import type { WatchSource } from "./types.js";

export interface EmbeddedSourceOptions {
  supervisor: StartSupervisorOptions;
  /** Makes the client the dashboard sends with, once the supervisor's URL is known. */
  createClient: (url: string) => SupervisorClient;
  /** Default: the real startSupervisor. */
  start?: (options: StartSupervisorOptions) => Promise<SupervisorHandle>;
  /** Entries held for a late subscriber. Default 5000. */
  buffer?: number;
}

/**
 * `--embedded`: starts the dev supervisor in this process and shows its traffic feed, every client's
 * frames. A client connected to it sends what the composer writes.
 */
export class EmbeddedSource extends SourceBase implements WatchSource {
  private handle: SupervisorHandle | undefined;
  private sender: SupervisorClient | undefined;
  private link: { reconnect(): void; stop(): void } | undefined;
  private unsubscribe: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: EmbeddedSourceOptions) {
    super(
      { kind: "embedded", label: "embedded supervisor", detail: detailOf(options.supervisor) },
      { status: "idle" },
      options.buffer,
    );
  }

  get url(): string {
    const { host = "127.0.0.1", port = 9999 } = this.options.supervisor;
    return this.handle?.url ?? `ws://${host}:${port}`;
  }

  get client(): SupervisorClient | undefined {
    return this.sender;
  }

  /** The running supervisor (after `start()`). */
  get supervisor(): SupervisorHandle | undefined {
    return this.handle;
  }

  /** Starts the supervisor (rejects when its port is taken), then connects the client. */
  async start(): Promise<void> {
    const start = this.options.start ?? startSupervisor;
    this.handle = await start(this.options.supervisor);
    this.unsubscribe = this.handle.feed.subscribe((entry) => this.emitEntry(redactEntry(entry)));
    const client = this.options.createClient(this.handle.url);
    client.on("state", (state) => this.setConnection(state));
    this.sender = client;
    this.link = keepConnected(client);
  }

  reconnect(): void {
    this.link?.reconnect();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.link?.stop();
      this.unsubscribe?.();
      await this.handle?.close();
    })();
    return this.closing;
  }
}

function detailOf(options: StartSupervisorOptions): string {
  const responder = options.responder ?? "ack";
  return `responder ${typeof responder === "string" ? responder : responder.name}`;
}
