import { backoffDelay } from "../client/backoff.js";
import { AuthenticationError } from "../client/errors.js";
import type { SupervisorClient } from "../client/supervisor-client.js";
import type { ConnectionState } from "../client/types.js";
import { type Clock, systemClock } from "../clock.js";

export interface ClientKeeperOptions {
  /** Told every state: the client's own, plus `reconnecting` while the keeper retries a first connection. */
  onState: (state: ConnectionState) => void;
  timers?: Pick<Clock, "setTimeout" | "clearTimeout">;
  random?: () => number;
  /** Backoff of the keeper's own retries (the client retries by itself once it has been ready). */
  backoff?: { baseDelayMs: number; maxDelayMs: number };
}

/**
 * Keeps a SupervisorClient connected for the dashboard. The client does not retry a first connection
 * that fails (a supervisor that is not up yet); the keeper does, with the same backoff, and reports
 * the wait as `reconnecting`. An authentication failure is final until `reconnectNow()`.
 */
export class ClientKeeper {
  private timer: unknown;
  private attempt = 0;
  private stopped = true;
  private readonly timers: Pick<Clock, "setTimeout" | "clearTimeout">;
  private readonly backoff: { baseDelayMs: number; maxDelayMs: number };
  private readonly unsubscribe: () => void;

  constructor(
    readonly client: SupervisorClient,
    private readonly options: ClientKeeperOptions,
  ) {
    this.timers = options.timers ?? systemClock;
    this.backoff = options.backoff ?? { baseDelayMs: 250, maxDelayMs: 10_000 };
    const onState = (state: ConnectionState) => {
      if (state.status === "ready") this.attempt = 0;
      options.onState(state);
    };
    client.on("state", onState);
    this.unsubscribe = () => client.off("state", onState);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Drops the connection (if any) and connects again at once. */
  reconnectNow(): void {
    if (this.stopped) return;
    this.cancelRetry();
    this.attempt = 0;
    this.client.disconnect();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry();
    this.client.disconnect();
    this.unsubscribe();
  }

  private connect(): void {
    this.client.connect().catch((error: unknown) => {
      if (this.stopped || error instanceof AuthenticationError) return;
      // Only a first connection that failed needs us: afterwards the client reconnects by itself.
      const state = this.client.state;
      if (state.status !== "closed" || state.error === undefined) return;
      this.attempt += 1;
      const delayMs = backoffDelay(this.attempt, this.backoff, this.options.random);
      this.options.onState({ status: "reconnecting", attempt: this.attempt, delayMs });
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        if (!this.stopped) this.connect();
      }, delayMs);
    });
  }

  private cancelRetry(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
