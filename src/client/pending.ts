import type { ServerEvent } from "../protocol/events.js";
import { ProtocolError, SupervisorError, TimeoutError } from "./errors.js";
import type { Expectation } from "./expectations.js";
import type { ReplyFrame, Slot } from "./reply-queue.js";

/** One request of the client waiting for its reply. Its deadline is fixed when the call is made. */
export class PendingRequest implements Slot {
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
    /** The request's `user`, which its reply must echo. */
    readonly user?: string,
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

  /** Settles with the reply that fits it: an `error` and a frame with bad fields reject. */
  answer(reply: ReplyFrame): void {
    if (reply.kind === "invalid") this.reject(new ProtocolError(reply.reason));
    else if (reply.event.type === "error") this.reject(new SupervisorError(reply.event.message));
    else this.resolve(reply.event);
  }

  timeout(): void {
    this.reject(new TimeoutError(this.expectation.phase, this.timeoutMs));
  }

  private release(): void {
    this.onResolve = undefined;
    this.onReject = undefined;
  }
}
