import { SupervisorError } from "../client/errors.js";
import type { ProtocolWarning, ReminderBroadcast } from "../client/reply-queue.js";
import type { SupervisorClient } from "../client/supervisor-client.js";
import type { ConnectionState } from "../client/types.js";
import type { TrafficEntry } from "../protocol/events.js";
import type { ClientMessage } from "../protocol/messages.js";
import type { ParsedEvent } from "../protocol/parse.js";
import { Backlog } from "./backlog.js";
import { keepConnected } from "./link.js";
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
  private link: { reconnect(): void; stop(): void } | undefined;
  /**
   * A reply-type entry held back until the client has said (synchronously, right after `event`)
   * whether it was a reminder or a misfit rather than the reply to our request.
   */
  private heldReply: { parsed: ParsedEvent; entry: TrafficEntry } | undefined;
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
    const onState = (state: ConnectionState) => this.onState(state);
    const onEvent = (parsed: ParsedEvent) => this.onEvent(parsed);
    const onSent = (message: ClientMessage) => {
      this.release();
      this.onOwn(this.own.sent(message));
    };
    // Reminders reuse the reply types (PROTOCOL.md); the client tells them apart right after `event`.
    const onReminder = (reminder: ReminderBroadcast) => {
      if (!reminder.ambiguous) this.unpairHeld();
      this.emitNote({ kind: "reminder", text: describeReminder(reminder) });
    };
    const onWarning = (warning: ProtocolWarning) => {
      if (this.heldReply?.parsed === warning.event) this.unpairHeld();
      this.emitNote({ kind: "warning", text: `protocol warning: ${warning.message}` });
    };
    client.on("state", onState);
    client.on("event", onEvent);
    client.on("sent", onSent);
    client.on("reminder", onReminder);
    client.on("protocol_warning", onWarning);
    this.detach = () => {
      client.off("state", onState);
      client.off("event", onEvent);
      client.off("sent", onSent);
      client.off("reminder", onReminder);
      client.off("protocol_warning", onWarning);
    };
  }

  get url(): string {
    return this.client.url;
  }

  async start(): Promise<void> {
    this.link ??= keepConnected(this.client);
  }

  reconnect(): void {
    this.link?.reconnect();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.link?.stop();
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
    this.release();
    const entry = this.own.received(parsed);
    const replyLike =
      parsed.kind === "reply" || (parsed.kind === "invalid" && parsed.replyType !== undefined);
    if (!replyLike) {
      this.onOwn(entry);
      return;
    }
    const held = { parsed, entry };
    this.heldReply = held;
    queueMicrotask(() => {
      if (this.heldReply === held) this.release();
    });
  }

  private unpairHeld(): void {
    if (this.heldReply) this.heldReply.entry = this.own.unpair(this.heldReply.entry);
  }

  /** Emits the held reply-type entry (before anything that came after it). */
  private release(): void {
    const held = this.heldReply;
    this.heldReply = undefined;
    if (held) this.onOwn(held.entry);
  }

  private onOwn(entry: TrafficEntry): void {
    const kind = this.status().kind;
    if (kind === "own") this.emitEntry(redactEntry(entry));
    else if (kind === "pending") this.held.push(redactEntry(entry));
  }
}

/** `reminder for alice: "dentist at 3" (may be the reply to alice's SMS)`. */
export function describeReminder(reminder: ReminderBroadcast): string {
  const event: Record<string, unknown> = reminder.event;
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
