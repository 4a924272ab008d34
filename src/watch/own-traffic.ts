import type { TrafficEntry } from "../protocol/events.js";
import type { ClientMessage } from "../protocol/messages.js";
import { type ParsedEvent, parseJsonObject } from "../protocol/parse.js";

const RAW_LIMIT = 1000;

/**
 * Turns one client's own traffic (its `sent` and `event` emissions) into TrafficEntry objects, as a
 * supervisor's feed would show them: requests `in`, replies `out` paired with their request in order
 * (PROTOCOL.md: one reply per message), broadcasts unpaired.
 */
export class OwnTraffic {
  private seq = 0;
  private pending: { seq: number; at: number }[] = [];

  constructor(
    private readonly connectionId = "self",
    /** Epoch milliseconds. */
    private readonly now: () => number = Date.now,
  ) {}

  /** A new connection: replies to the old one's requests will never come. */
  reset(): void {
    this.pending = [];
  }

  sent(message: ClientMessage): TrafficEntry {
    const at = this.now();
    const seq = ++this.seq;
    this.pending.push({ seq, at });
    return this.entry(seq, "in", at, { ...message });
  }

  /**
   * Undoes the pairing of `entry` (a reply-type frame the client then called a reminder or a misfit):
   * its request waits for its reply again. Returns the entry without the link.
   */
  unpair(entry: TrafficEntry): TrafficEntry {
    if (entry.reply_to === undefined) return entry;
    const { reply_to, latency_ms, ...rest } = entry;
    const at = Date.parse(entry.time) - (latency_ms ?? 0);
    this.pending.unshift({ seq: reply_to, at });
    return rest;
  }

  /** `pair`: false for a reply-type frame that answers none of our requests (a reminder, a misfit). */
  received(parsed: ParsedEvent, pair = true): TrafficEntry {
    const at = this.now();
    const seq = ++this.seq;
    switch (parsed.kind) {
      case "reply":
        return pair
          ? this.pair(this.entry(seq, "out", at, { ...parsed.event }), at)
          : this.entry(seq, "out", at, { ...parsed.event });
      case "broadcast":
        return this.entry(seq, "out", at, { ...parsed.event });
      case "unknown":
        return this.entry(seq, "out", at, { ...parsed.raw });
      case "invalid": {
        const binary = /^binary frame \((\d+) bytes\)$/.exec(parsed.reason);
        if (binary) return { ...this.entry(seq, "out", at, null), binary_bytes: Number(binary[1]) };
        const json = parseJsonObject(parsed.text);
        const entry = json.ok
          ? this.entry(seq, "out", at, json.value)
          : { ...this.entry(seq, "out", at, null), raw: parsed.text.slice(0, RAW_LIMIT) };
        return parsed.replyType !== undefined && pair ? this.pair(entry, at) : entry;
      }
    }
  }

  private pair(entry: TrafficEntry, at: number): TrafficEntry {
    const request = this.pending.shift();
    if (!request) return entry;
    return { ...entry, reply_to: request.seq, latency_ms: Math.round((at - request.at) * 1000) / 1000 };
  }

  private entry(
    seq: number,
    direction: "in" | "out",
    at: number,
    frame: Record<string, unknown> | null,
  ): TrafficEntry {
    return { seq, connection_id: this.connectionId, direction, time: new Date(at).toISOString(), frame };
  }
}
