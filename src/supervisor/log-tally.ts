import type { Logger } from "./log.js";

/** How often a repeated warning is summed up in one line. */
export const TALLY_INTERVAL_MS = 5000;

/** The line that sums up what a tally counted: a warning unless `level` says otherwise. */
export interface TallyLine {
  msg: string;
  fields?: Record<string, unknown>;
  level?: "info" | "warn";
}

export interface TallyOptions {
  /** Logged at the first hit of a burst (the hits that `allow` lets through are the caller's to log). */
  first?: TallyLine;
  intervalMs?: number;
  /**
   * Hits of each interval that `allow` lets the caller log one by one before it counts them: a rate.
   * Without it, one hit per burst (the first) is let through.
   */
  allowance?: number;
}

/**
 * A line that a peer can trigger thousands of times a second: the first of a burst (or the first
 * `allowance` of each interval) is logged as it comes, the rest are counted and summed up in one line
 * per interval ("N failed auths on c12 in the last 5 s"), so the log cannot be flooded.
 */
export class LogTally {
  /** Hits of this interval that were counted, not logged. */
  private count = 0;
  /** Hits of this interval that were let through. */
  private allowed = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly allowance: number;

  constructor(
    private readonly log: Logger,
    private readonly summary: (count: number, seconds: number) => TallyLine,
    private readonly options: TallyOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? TALLY_INTERVAL_MS;
    this.allowance = options.allowance ?? 1;
  }

  /** One more: logged as `first` (the options') if it starts a burst, counted otherwise (always, without one). */
  hit(): void {
    if (!this.allow()) return;
    const first = this.options.first;
    if (first) this.write(first);
    else this.count += 1;
  }

  /** One more: true while the interval's allowance lasts (the caller logs it), counted after. */
  allow(): boolean {
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
    if (this.allowed < this.allowance) {
      this.allowed += 1;
      return true;
    }
    this.count += 1;
    return false;
  }

  /** Logs what is counted and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.allowed = 0;
    this.report();
  }

  private tick(): void {
    this.timer = undefined;
    // A quiet interval ends the burst: the next hit starts afresh.
    if (this.count === 0) {
      this.allowed = 0;
      return;
    }
    this.report();
    // A burst still going on keeps its interval. An allowance is given again each interval (a rate);
    // without one, `first` is logged once for the whole burst.
    if (this.options.allowance !== undefined) this.allowed = 0;
    this.timer = setTimeout(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  private report(): void {
    if (this.count === 0) return;
    const line = this.summary(this.count, Math.round(this.intervalMs / 1000));
    this.count = 0;
    this.write(line);
  }

  private write(line: TallyLine): void {
    if (line.level === "info") this.log.info(line.msg, line.fields);
    else this.log.warn(line.msg, line.fields);
  }
}
