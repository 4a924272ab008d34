/** Unanswered requests remembered per connection; beyond this the oldest are forgotten. */
export const MAX_PENDING = 10_000;
/** Requests a connection's queue has room for at first (a power of two; it doubles as needed). */
const FIRST_ROOM = 2;

/** An array of `n` numbers that holds doubles from the start, so that it never changes its elements kind. */
const doubles = (n: number): number[] => Array.from({ length: n }, () => 0.5);

/**
 * One connection's unanswered requests, oldest first: their seq and time side by side in a ring
 * of numbers (no object per request: one is queued for every frame, listened to or not). A plain
 * array, not a Float64Array: one object fewer to reach per frame, and thousands of connections
 * each keep one.
 */
export class PendingQueue {
  private ring = doubles(2 * FIRST_ROOM);
  /** The oldest request's place in the ring, counted in requests (two numbers each). */
  private head = 0;
  private count = 0;
  /** The time of the request `shift` took last. */
  shiftedAt = 0;

  constructor(readonly connectionId: string) {}

  /** An inbound text frame numbered `seq` came at `at` (the hub's clock). */
  push(seq: number, at: number): void {
    let mask = this.ring.length / 2 - 1;
    if (this.count >= MAX_PENDING) {
      this.head = (this.head + 1) & mask;
      this.count -= 1;
    } else if (this.count > mask) {
      this.grow();
      mask = this.ring.length / 2 - 1;
    }
    const slot = 2 * ((this.head + this.count) & mask);
    this.ring[slot] = seq;
    this.ring[slot + 1] = at;
    this.count += 1;
  }

  /** Takes the oldest request: its seq is returned, its time left in `shiftedAt`; undefined when none waits. */
  shift(): number | undefined {
    if (this.count === 0) return undefined;
    const slot = 2 * this.head;
    this.shiftedAt = this.ring[slot + 1] as number;
    this.head = (this.head + 1) & (this.ring.length / 2 - 1);
    this.count -= 1;
    return this.ring[slot];
  }

  /** Twice the room, the requests in order from its start. */
  private grow(): void {
    const old = this.ring;
    const ring = doubles(2 * old.length);
    for (let i = 0; i < old.length; i++) ring[i] = old[(2 * this.head + i) % old.length] as number;
    this.ring = ring;
    this.head = 0;
  }
}

/**
 * Each connection's unanswered requests, to pair its replies with them first in first out, as
 * PROTOCOL.md orders them. Nothing is allocated per request, whether or not anyone watches.
 */
export class ReplyPairing {
  private readonly queues = new Map<string, PendingQueue>();
  // The queue last used: a reply most often follows its request at once, on the same connection,
  // and with thousands of connections each look-up in the Map was a cache miss of its own.
  private lastId: string | undefined;
  private last: PendingQueue | undefined;

  /** The queue of `connectionId`, made on first use. */
  queue(connectionId: string): PendingQueue {
    let queue = this.existing(connectionId);
    if (!queue) {
      queue = new PendingQueue(connectionId);
      this.queues.set(connectionId, queue);
      this.lastId = connectionId;
      this.last = queue;
    }
    return queue;
  }

  /** The queue of `connectionId` if it has one. */
  existing(connectionId: string): PendingQueue | undefined {
    if (connectionId === this.lastId) return this.last;
    const queue = this.queues.get(connectionId);
    if (queue) {
      this.lastId = connectionId;
      this.last = queue;
    }
    return queue;
  }

  /** Forgets a connection's requests. */
  forget(connectionId: string): void {
    this.queues.delete(connectionId);
    if (connectionId === this.lastId) {
      this.lastId = undefined;
      this.last = undefined;
    }
  }
}
