import { SupervisorError } from "../client/errors.js";
import type { SupervisorClient } from "../client/supervisor-client.js";
import type { ConnectionState } from "../client/types.js";
import type { TrafficEntry } from "../protocol/events.js";
import type { ClientMessage } from "../protocol/messages.js";
import type { ParsedEvent } from "../protocol/parse.js";
import { Backlog } from "./backlog.js";
import { ClientKeeper, type ClientKeeperOptions } from "./client-keeper.js";
import { OwnTraffic } from "./own-traffic.js";
import { redactEntry } from "./redact.js";
import { SourceBase } from "./source-base.js";
import type { SourceStatus, WatchSource } from "./types.js";

export const STATUS = {
  pending: { kind: "pending", label: "source not known yet" },
  asking: { kind: "pending", label: "asking for the traffic feed" },
  feed: { kind: "feed", label: "supervisor feed", detail: "traffic of every client" },
  own: {
    kind: "own",
    label: "own connection",
    detail:
      "no traffic feed here (Rust supervisor?): only this connection shows; run `xswarm-dev tap` to see all",
  },
} as const satisfies Record<string, SourceStatus>;

export interface ClientSourceOptions {
  /** Epoch ms, for the times of this connection's own entries. */
  now?: () => number;
  keeper?: Omit<ClientKeeperOptions, "onState">;
  /** Entries held for a late subscriber (and own entries while `monitor` is unanswered). Default 5000. */
  buffer?: number;
}

/**
 * The default source: a SupervisorClient that sends `monitor`. When the supervisor offers the
 * traffic feed, its `traffic` events are the entries; otherwise (the Rust supervisor answers `monitor`
 * with `Invalid message format`) this connection's own sends, replies and broadcasts are. `monitor` is
 * sent again after every reconnect.
 */
export class ClientSource extends SourceBase implements WatchSource {
  private readonly keeper: ClientKeeper;
  private readonly own: OwnTraffic;
  private held: Backlog<TrafficEntry>;
  private readonly detach: () => void;
  private closed = false;

  constructor(
    readonly client: SupervisorClient,
    options: ClientSourceOptions = {},
  ) {
    super(STATUS.pending, client.state, options.buffer);
    this.held = new Backlog(this.bufferLimit);
    this.own = new OwnTraffic("self", options.now);
    this.keeper = new ClientKeeper(client, { ...options.keeper, onState: (s) => this.onState(s) });
    const onEvent = (parsed: ParsedEvent) => this.onEvent(parsed);
    const onSent = (message: ClientMessage) => this.onOwn(this.own.sent(message));
    // The client's reminder and protocol-warning events (PROTOCOL.md: reminders reuse the reply types).
    const onReminder = (reminder: { event?: Record<string, unknown>; ambiguous?: boolean }) =>
      this.emitNote({ kind: "reminder", text: describeReminder(reminder) });
    const onWarning = (warning: { message?: string }) =>
      this.emitNote({ kind: "warning", text: `protocol warning: ${warning.message ?? "unexpected frame"}` });
    const emitter = client as unknown as NodeJS.EventEmitter;
    client.on("event", onEvent);
    client.on("sent", onSent);
    emitter.on("reminder", onReminder);
    emitter.on("protocol_warning", onWarning);
    this.detach = () => {
      client.off("event", onEvent);
      client.off("sent", onSent);
      emitter.off("reminder", onReminder);
      emitter.off("protocol_warning", onWarning);
    };
  }

  get url(): string {
    return this.client.url;
  }

  async start(): Promise<void> {
    this.keeper.start();
  }

  reconnect(): void {
    this.keeper.reconnectNow();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.keeper.stop();
    this.detach();
  }

  private onState(state: ConnectionState): void {
    this.setConnection(state);
    if (state.status === "connecting") {
      this.own.reset();
      this.held.drain();
    }
    if (state.status !== "ready") return;
    this.setStatus(STATUS.asking);
    this.client.request({ type: "monitor" }).then(
      (reply) => {
        const source = (reply as { source?: unknown }).source;
        this.decide(source === "tap" ? { ...STATUS.feed, label: "tap feed" } : STATUS.feed);
      },
      (error: unknown) => {
        const noFeed =
          error instanceof SupervisorError && error.supervisorMessage.startsWith("Invalid message format");
        // A lost connection asks again once it is back; any other answer means no usable feed.
        if (noFeed || this.client.isReady()) this.decide(STATUS.own);
      },
    );
  }

  private decide(status: SourceStatus): void {
    if (this.closed) return;
    const held = this.held.drain();
    this.setStatus(status);
    if (status.kind === "own") for (const entry of held) this.emitEntry(entry);
  }

  private onEvent(parsed: ParsedEvent): void {
    if (parsed.kind === "broadcast" && parsed.event.type === "traffic") {
      if (this.status().kind !== "feed") return;
      // Already checked against the TrafficEvent schema by parseEvent.
      const { type: _type, ...entry } = parsed.event;
      this.emitEntry(redactEntry(entry));
      return;
    }
    this.onOwn(this.own.received(parsed));
  }

  private onOwn(entry: TrafficEntry): void {
    const kind = this.status().kind;
    if (kind === "own") this.emitEntry(redactEntry(entry));
    else if (kind === "pending") this.held.push(redactEntry(entry));
  }
}

/** `reminder for alice: "dentist at 3" (may be the reply to alice's SMS)`. */
export function describeReminder(reminder: { event?: Record<string, unknown>; ambiguous?: boolean }): string {
  const event = reminder.event ?? {};
  const user = typeof event.user === "string" ? event.user : "someone";
  const text =
    typeof event.message === "string"
      ? event.message
      : typeof event.subject === "string"
        ? event.subject
        : "";
  const may = reminder.ambiguous ? ` (may be the reply to ${user}'s message: same user, same kind)` : "";
  return `reminder for ${user}${text ? `: "${text}"` : ""}${may}`;
}
