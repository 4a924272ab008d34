import type { ServerEvent } from "../protocol/events.js";
import { ProtocolError, SupervisorError, TimeoutError } from "./errors.js";
import { type Expectation, mismatch } from "./expectations.js";
import type { Clock } from "./types.js";

/** One request waiting for its reply. Its deadline is fixed when the call is made. */
export class PendingRequest {
  /** Settled: answered, failed, or timed out (then it stays in the FIFO as a tombstone). */
  done = false;
  /** When it went out on the socket (clock time); NaN while queued. */
  sentAt = Number.NaN;

  constructor(
    readonly expectation: Expectation,
    readonly deadline: number,
    readonly timeoutMs: number,
    private onResolve: ((event: ServerEvent) => void) | undefined,
    private onReject: ((error: Error) => void) | undefined,
  ) {}

  resolve(event: ServerEvent): void {
    if (this.done) return;
    this.done = true;
    const resolve = this.onResolve;
    this.release();
    resolve?.(event);
  }

  reject(error: Error): void {
    if (this.done) return;
    this.done = true;
    const reject = this.onReject;
    this.release();
    reject?.(error);
  }

  /** Resolves or rejects with a reply, according to the expectation. */
  answer(event: ServerEvent): void {
    if (event.type === "error") {
      this.reject(new SupervisorError(event.message));
      return;
    }
    const why = mismatch(this.expectation, event as { type: string; message_type?: unknown });
    if (why === undefined) this.resolve(event);
    else this.reject(new ProtocolError(why));
  }

  timeout(): void {
    this.reject(new TimeoutError(this.expectation.phase, this.timeoutMs));
  }

  private release(): void {
    this.onResolve = undefined;
    this.onReject = undefined;
  }
}

/**
 * The FIFO of requests sent on one connection. The protocol has no request id: the n-th reply
 * answers the n-th request. A request that times out stays in the FIFO as a tombstone until its
 * late reply arrives (which is then dropped), so later requests never shift onto the wrong replies.
 *
 * One lazily armed timer serves every deadline: it is set for the earliest one, and on firing
 * expires what is due and re-arms for the next. Cheaper than a timer per request.
 */
export class ReplyQueue {
  private items: (PendingRequest | undefined)[] = [];
  private head = 0;
  private live = 0;
  private timer: unknown;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(private readonly clock: Clock) {}

  /** Requests in the FIFO, tombstones included. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Requests still waiting for their reply (tombstones excluded). */
  get waiting(): number {
    return this.live;
  }

  push(request: PendingRequest): void {
    this.items.push(request);
    if (request.done) return;
    this.live++;
    if (request.deadline < this.timerAt) this.arm(request.deadline);
  }

  /** The head of the FIFO takes this reply. Returns false when nothing was waiting (unsolicited). */
  settle(event: ServerEvent): boolean {
    const request = this.shift();
    if (request === undefined) return false;
    if (!request.done) {
      this.settled();
      request.answer(event);
    }
    return true;
  }

  /** A frame that has a reply type but does not fit its schema: it still takes its slot. */
  settleInvalid(reason: string, error: (reason: string) => Error): boolean {
    const request = this.shift();
    if (request === undefined) return false;
    if (!request.done) {
      this.settled();
      request.reject(error(reason));
    }
    return true;
  }

  /** Rejects every waiting request at once and empties the FIFO (the connection is gone). */
  failAll(error: Error): void {
    const items = this.items;
    const from = this.head;
    this.items = [];
    this.head = 0;
    this.live = 0;
    this.disarm();
    for (let i = from; i < items.length; i++) items[i]?.reject(error);
  }

  private shift(): PendingRequest | undefined {
    if (this.head >= this.items.length) return undefined;
    const request = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return request;
  }

  private settled(): void {
    if (--this.live === 0) this.disarm();
  }

  private arm(at: number): void {
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(this.expire, Math.max(0, at - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    const due: PendingRequest[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const request = this.items[i];
      if (request === undefined || request.done) continue;
      if (request.deadline <= now) due.push(request);
      else if (request.deadline < next) next = request.deadline;
    }
    this.live -= due.length;
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    for (const request of due) request.timeout();
  };
}
