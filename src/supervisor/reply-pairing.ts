/** Unanswered requests remembered per connection; beyond this the oldest are forgotten. */
export const MAX_PENDING = 10_000;
/** Requests a connection's ring has room for at first, beside the oldest (a power of two; it doubles as needed). */
const FIRST_ROOM = 2;

/** An array of `n` numbers that holds doubles from the start, so that it never changes its elements kind. */
const doubles = (n: number): number[] => Array.from({ length: n }, () => 0.5);

/**
 * One connection's unanswered requests, oldest first. The oldest is kept in two fields of its own, the
 * others in a ring of numbers (seq and time side by side; no object per request: one is queued for
 * every frame, listened to or not). A client with one request outstanding (most, with thousands of
 * connections) never needs the ring: each frame touches this object alone. A plain array, not a
 * Float64Array: one object fewer to reach, and thousands of connections may each keep one.
 */
export class PendingQueue {
  private firstSeq = 0;
  private firstAt = 0.5;
  /** The requests after the oldest; made when a second one waits. */
  private ring: number[] | undefined;
  /** The place in the ring of the second oldest request, counted in requests (two numbers each). */
  private head = 0;
  private count = 0;
  /** The time of the request `shift` took last. */
  shiftedAt = 0;

  constructor(readonly connectionId: string) {}

  /** An inbound text frame numbered `seq` came at `at` (the hub's clock). */
  push(seq: number, at: number): void {
    if (this.count === 0) {
      this.firstSeq = seq;
      this.firstAt = at;
      this.count = 1;
      return;
    }
    if (this.count >= MAX_PENDING) this.drop();
    let ring = this.ring ?? this.makeRing();
    const behind = this.count - 1;
    if (behind === ring.length / 2) ring = this.grow(ring);
    const slot = 2 * ((this.head + behind) & (ring.length / 2 - 1));
    ring[slot] = seq;
    ring[slot + 1] = at;
    this.count += 1;
  }

  /** Takes the oldest request: its seq is returned, its time left in `shiftedAt`; undefined when none waits. */
  shift(): number | undefined {
    if (this.count === 0) return undefined;
    const seq = this.firstSeq;
    this.shiftedAt = this.firstAt;
    this.drop();
    return seq;
  }

  /** Forgets the oldest request (there is one); the next takes its place. */
  private drop(): void {
    this.count -= 1;
    if (this.count === 0) return;
    const ring = this.ring as number[];
    const slot = 2 * this.head;
    this.firstSeq = ring[slot] as number;
    this.firstAt = ring[slot + 1] as number;
    this.head = (this.head + 1) & (ring.length / 2 - 1);
  }

  private makeRing(): number[] {
    this.ring = doubles(2 * FIRST_ROOM);
    this.head = 0;
    return this.ring;
  }

  /** Twice the room, the requests in order from its start. */
  private grow(old: number[]): number[] {
    const ring = doubles(2 * old.length);
    for (let i = 0; i < old.length; i++) ring[i] = old[(2 * this.head + i) % old.length] as number;
    this.ring = ring;
    this.head = 0;
    return ring;
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
