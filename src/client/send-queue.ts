import type { PendingRequest } from "./pending.js";
import type { Clock } from "./types.js";

/** A `waitForReady` send waiting for the connection to become ready. */
interface QueuedSend {
  readonly request: PendingRequest;
  readonly bytes: number;
  timer: unknown;
}

export interface QueueLimits {
  maxMessages: number;
  maxBytes: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxMessages: 100, maxBytes: 1024 * 1024 };

/**
 * Sends that wait for the connection to be ready, bounded by count and by bytes. Each one keeps
 * the deadline of its call: when it passes, the send leaves the queue unsent and rejects.
 */
export class SendQueue {
  private items: QueuedSend[] = [];
  private bytes = 0;

  constructor(
    private readonly limits: QueueLimits,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Queues the send, or returns false when it would overflow either bound. */
  add(request: PendingRequest): boolean {
    const bytes = Buffer.byteLength(request.text);
    if (this.items.length + 1 > this.limits.maxMessages || this.bytes + bytes > this.limits.maxBytes) {
      return false;
    }
    const item: QueuedSend = { request, bytes, timer: undefined };
    item.timer = this.clock.setTimeout(
      () => {
        this.remove(item);
        request.timeout();
      },
      Math.max(0, request.deadline - this.clock.now()),
    );
    this.items.push(item);
    this.bytes += bytes;
    return true;
  }

  /** Empties the queue, oldest first, with the timers stopped (the caller sends them). */
  drain(): PendingRequest[] {
    const items = this.items;
    this.items = [];
    this.bytes = 0;
    for (const item of items) this.clock.clearTimeout(item.timer);
    return items.map((item) => item.request);
  }

  /** Empties the queue and rejects every send with `error`. */
  failAll(error: Error): void {
    for (const request of this.drain()) request.reject(error);
  }

  private remove(item: QueuedSend): void {
    const index = this.items.indexOf(item);
    if (index === -1) return;
    this.items.splice(index, 1);
    this.bytes -= item.bytes;
  }
}
