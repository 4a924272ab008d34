import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { REPLY_TYPES, type TrafficEntry } from "../protocol/events.js";
import { parseFrame } from "./frame-text.js";
import { type PendingQueue, ReplyPairing } from "./reply-pairing.js";
import { Secrets } from "./secrets.js";
import { binaryEntry, linkEntry, serialise, textEntry } from "./traffic-entries.js";
import type { TrafficFeed } from "./types.js";

export { peerAddress, RAW_LIMIT } from "./traffic-entries.js";

type JsonObject = Record<string, unknown>;

/**
 * One connection's place in the hub (its pairing queue), kept by its caller for `inboundOn` and
 * `outboundOn`: no look-up per frame (with thousands of connections each was a cache miss).
 */
export type TrafficLink = PendingQueue;

export interface TrafficHubOptions {
  /** Clock in epoch milliseconds (fractions allowed); gives `time` and `latency_ms`. */
  now?: () => number;
  /** Appends every entry to this JSON-lines file (truncated first). */
  record?: string;
  /** Told when the record file cannot be written; recording then stops. */
  onError?: (error: Error) => void;
  /**
   * Tokens never to show (the supervisor's own). Tokens seen in auth-like frames are learned as well:
   * entries, monitor copies and the record show them masked, in that frame and every later one.
   */
  secrets?: readonly string[];
}

// The origin read once: its getter is a call of its own, and the clock is read for every frame.
const origin = () => {
  const at = performance.timeOrigin;
  return () => at + performance.now();
};

/**
 * The traffic feed of a supervisor or tap: numbers every frame, pairs replies with their requests
 * (per connection, first in first out, as PROTOCOL.md orders them), and fans entries out to in-process
 * subscribers, `monitor` connections and an optional JSON-lines record file.
 */
export class TrafficHub implements TrafficFeed {
  private seq = 0;
  private readonly now: () => number;
  private readonly listeners = new Set<(entry: TrafficEntry) => void>();
  private readonly monitors = new Map<string, (text: string) => void>();
  private readonly pairing = new ReplyPairing();
  /** When each open connection opened (epoch ms), for its close entry's `duration_ms`. */
  private readonly openedAt = new Map<string, number>();
  private record: WriteStream | undefined;
  private readonly onError: ((error: Error) => void) | undefined;
  private readonly secrets: Secrets;

  constructor(options: TrafficHubOptions = {}) {
    this.now = options.now ?? origin();
    this.secrets = new Secrets(options.secrets);
    this.onError = options.onError;
    if (options.record) this.openRecord(options.record);
  }

  /** Calls `listener` for each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: TrafficEntry) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * A frame a client sent. Text frames are queued per connection to pair with the replies.
   * `frame` may pass the already-parsed JSON object to save a parse. Returns the entry published, or
   * undefined when nobody listens (no subscriber, monitor or record file): then only the pairing is kept.
   */
  inbound(
    connectionId: string,
    data: string | Buffer,
    isBinary: boolean,
    frame?: JsonObject,
  ): TrafficEntry | undefined {
    return this.inboundOn(this.pairing.queue(connectionId), data, isBinary, frame);
  }

  /**
   * A frame sent to a client. A reply (a known reply type, valid or not) is paired with that
   * connection's oldest unanswered inbound text frame: `reply_to` = its seq, `latency_ms` = elapsed.
   * `frame` may pass the object that `data` serialises, to save a parse. Returns undefined when nobody listens.
   */
  outbound(connectionId: string, data: string, frame?: JsonObject): TrafficEntry | undefined {
    return this.sent(connectionId, this.pairing.existing(connectionId), data, frame);
  }

  /** The place of a connection in the hub, for `inboundOn` and `outboundOn` (until `removeConnection`). */
  link(connectionId: string): TrafficLink {
    return this.pairing.queue(connectionId);
  }

  /** `inbound` for the connection of `link`. */
  inboundOn(
    link: TrafficLink,
    data: string | Buffer,
    isBinary: boolean,
    frame?: JsonObject,
  ): TrafficEntry | undefined {
    return this.received(link.connectionId, link, data, isBinary, frame);
  }

  /** `outbound` for the connection of `link`. */
  outboundOn(link: TrafficLink, data: string, frame?: JsonObject): TrafficEntry | undefined {
    return this.sent(link.connectionId, link, data, frame);
  }

  /** Whether anyone takes entries (a subscriber, a monitor, the record file): when not, none need be built. */
  get listening(): boolean {
    return !this.quiet();
  }

  /**
   * All that `inbound` or `outbound` keep of a text frame while nobody listens, for a frame known to
   * hold no token (the tap reads that from its bytes): its number and its place in the pairing.
   * `reply`: an outbound frame of a reply type, which answers the oldest request.
   */
  passedQuietly(connectionId: string, direction: "in" | "out", reply: boolean): void {
    const seq = ++this.seq;
    if (direction === "out") {
      if (reply) this.pairing.existing(connectionId)?.shift();
      return;
    }
    this.pairing.queue(connectionId).push(seq, this.now());
  }

  /** A binary frame sent to a client (only a tap forwards these). Never a reply, so it pairs with nothing. */
  outboundBinary(connectionId: string, bytes: number): TrafficEntry | undefined {
    const at = this.now();
    const seq = ++this.seq;
    if (this.quiet()) return undefined;
    return this.publish(binaryEntry(seq, connectionId, "out", at, bytes));
  }

  /** A client connected from `address` (`ip:port`): publishes an `event: "open"` entry. */
  opened(connectionId: string, address: string | undefined): TrafficEntry | undefined {
    const at = this.now();
    const seq = ++this.seq;
    this.openedAt.set(connectionId, at);
    if (this.quiet()) return undefined;
    const entry = linkEntry(seq, connectionId, at, "open");
    if (address) entry.address = address;
    return this.publish(entry);
  }

  /**
   * A client's connection ended with `code` and `reason`: publishes an `event: "close"` entry with how
   * long it lived. Call before `removeConnection`; a connection closed twice is told once.
   */
  closed(connectionId: string, code: number, reason: string): TrafficEntry | undefined {
    const start = this.openedAt.get(connectionId);
    if (start === undefined) return undefined;
    this.openedAt.delete(connectionId);
    const at = this.now();
    const seq = ++this.seq;
    if (this.quiet()) return undefined;
    const entry = linkEntry(seq, connectionId, at, "close");
    entry.close_code = code;
    // The reason is the peer's text (up to 123 bytes): it may quote a token.
    entry.close_reason = this.secrets.empty ? reason : this.secrets.scrub(reason);
    entry.duration_ms = Math.round(at - start);
    return this.publish(entry);
  }

  /** Sends every later entry to `send` as JSON `{"type":"traffic", ...entry}`. Copies are not themselves published. */
  addMonitor(connectionId: string, send: (text: string) => void): void {
    this.monitors.set(connectionId, send);
  }

  /** Stops a connection's monitor subscription; its pairing queue is kept (the connection is still open). */
  removeMonitor(connectionId: string): void {
    this.monitors.delete(connectionId);
  }

  /** Forgets a connection: its pairing queue and its monitor subscription. */
  removeConnection(connectionId: string): void {
    this.pairing.forget(connectionId);
    this.openedAt.delete(connectionId);
    this.monitors.delete(connectionId);
  }

  /** Flushes and closes the record file. */
  async close(): Promise<void> {
    const stream = this.record;
    this.record = undefined;
    if (!stream) return;
    await new Promise<void>((resolve) => {
      if (stream.destroyed) resolve();
      else stream.end(() => resolve());
      stream.once("error", () => resolve());
    });
  }

  private received(
    connectionId: string,
    queue: PendingQueue,
    data: string | Buffer,
    isBinary: boolean,
    frame: JsonObject | undefined,
  ): TrafficEntry | undefined {
    const at = this.now();
    const seq = ++this.seq;
    if (isBinary) {
      if (this.quiet()) return undefined;
      const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.length;
      return this.publish(binaryEntry(seq, connectionId, "in", at, bytes));
    }
    queue.push(seq, at);
    const text = typeof data === "string" ? data : data.toString("utf8");
    // Learned even when nobody listens yet: a monitor attached later must not see the token either.
    const candidates = this.secrets.learnFrom(text);
    if (this.quiet()) return undefined;
    return this.publish(textEntry(this.secrets, seq, connectionId, "in", at, text, frame, candidates), text);
  }

  private sent(
    connectionId: string,
    queue: PendingQueue | undefined,
    data: string,
    frame: JsonObject | undefined,
  ): TrafficEntry | undefined {
    const seq = ++this.seq;
    const parsed = frame ?? parseFrame(data);
    const type = parsed?.type;
    const reply = typeof type === "string" && REPLY_TYPES.has(type);
    if (this.quiet()) {
      if (reply) queue?.shift();
      return undefined;
    }
    const at = this.now();
    const requestSeq = reply ? queue?.shift() : undefined;
    const entry = textEntry(this.secrets, seq, connectionId, "out", at, data, parsed ?? undefined, []);
    if (requestSeq !== undefined && queue) {
      entry.reply_to = requestSeq;
      entry.latency_ms = Math.round((at - queue.shiftedAt) * 1000) / 1000;
    }
    return this.publish(entry, data);
  }

  /** Nobody to tell: entries need not be built at all. */
  private quiet(): boolean {
    return this.listeners.size === 0 && this.monitors.size === 0 && this.record === undefined;
  }

  private publish(entry: TrafficEntry, text?: string): TrafficEntry {
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A subscriber's bug must not break the connection that produced the frame.
      }
    }
    if (this.monitors.size === 0 && !this.record) return entry;
    const line = serialise(this.secrets, entry, text ?? "");
    if (this.record) this.record.write(`${line}\n`);
    if (this.monitors.size > 0) {
      const copy = `{"type":"traffic",${line.slice(1)}`;
      for (const send of this.monitors.values()) {
        try {
          send(copy);
        } catch {
          // A monitor that went away is removed by its connection's close handler.
        }
      }
    }
    return entry;
  }

  private openRecord(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const stream = createWriteStream(path, { flags: "w" });
    stream.on("error", (error) => {
      if (this.record === stream) this.record = undefined;
      this.onError?.(error);
    });
    this.record = stream;
  }
}
