import type { Clock } from "./types.js";

/** What the heartbeat of one link needs. */
export interface HeartbeatHooks {
  /** Sends a ping frame; false when the socket is not open any more. */
  ping(): boolean;
  /** Requests waiting for their reply. */
  waiting(): number;
  /** The link is dead: nothing came back in time. */
  dead(detail: string): void;
}

/**
 * WebSocket ping frames every `intervalMs`, and the verdict on a late pong. A late pong ends the link
 * unless the peer is merely busy: any frame since the ping proves it alive, and while requests wait
 * the verdict is theirs (a supervisor reads one message at a time, so a slow reply delays the pong
 * too). Once they have timed out with nothing heard, the link is dead.
 */
export class Heartbeat {
  private pingTimer: unknown;
  private pongTimer: unknown;
  /** Whether any frame came from the peer since the last ping frame went out. */
  private heard = false;
  /** Set when the pong is late, until something is heard from the peer. */
  private overdue = false;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly hooks: HeartbeatHooks,
  ) {}

  /** A ping frame is out and unanswered. */
  get awaitingPong(): boolean {
    return this.pongTimer !== undefined || this.overdue;
  }

  start(): void {
    if (this.intervalMs <= 0 || this.stopped) return;
    this.pingTimer = this.clock.setTimeout(() => {
      this.pingTimer = undefined;
      this.heard = false;
      if (this.hooks.ping()) this.armPongTimer();
    }, this.intervalMs);
  }

  /** Any frame from the peer. */
  heardFrame(): void {
    this.heard = true;
  }

  pong(): void {
    this.heard = true;
    this.overdue = false;
    if (this.pongTimer === undefined) return;
    this.clock.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    this.start();
  }

  /** Requests have timed out: if the pong is late too, the verdict is due now. */
  requestsExpired(): void {
    this.judge();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.pingTimer);
    this.clock.clearTimeout(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
  }

  private armPongTimer(): void {
    this.pongTimer = this.clock.setTimeout(() => {
      this.pongTimer = undefined;
      this.overdue = true;
      this.judge();
    }, this.timeoutMs);
  }

  private judge(): void {
    if (!this.overdue || this.stopped) return;
    if (this.heard) {
      this.overdue = false;
      this.start();
    } else if (this.hooks.waiting() > 0) {
      if (this.pongTimer === undefined) this.armPongTimer();
    } else this.hooks.dead(`no pong within ${this.timeoutMs} ms`);
  }
}
