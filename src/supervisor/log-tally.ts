import type { Logger } from "./log.js";

/** How often a repeated warning is summed up in one line. */
export const TALLY_INTERVAL_MS = 5000;

/**
 * A warning that a peer can trigger thousands of times a second: the first of a burst is logged at
 * once, the rest are counted and summed up in one line per interval ("N failed auths on c12 in the
 * last 5 s"), so the log cannot be flooded.
 */
export class LogTally {
  private count = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly summary: (
      count: number,
      seconds: number,
    ) => { msg: string; fields?: Record<string, unknown> },
    private readonly first?: { msg: string; fields?: Record<string, unknown> },
    private readonly intervalMs = TALLY_INTERVAL_MS,
  ) {}

  hit(): void {
    if (this.timer) {
      this.count += 1;
      return;
    }
    if (this.first) this.log.warn(this.first.msg, this.first.fields);
    else this.count += 1;
    this.timer = setTimeout(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Logs what is counted and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.report();
  }

  private tick(): void {
    this.timer = undefined;
    // A burst still going on keeps its interval; a quiet one ends here and the next hit logs at once.
    if (this.count > 0) {
      this.report();
      this.timer = setTimeout(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  private report(): void {
    if (this.count === 0) return;
    const { msg, fields } = this.summary(this.count, Math.round(this.intervalMs / 1000));
    this.count = 0;
    this.log.warn(msg, fields);
  }
}
