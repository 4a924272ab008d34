interface Entry {
  at: number;
  fn: () => void;
}

/**
 * Timers on one real Node timer, for a client that arms and clears one per request: at one request at
 * a time, each request's timeout went through node's timer lists (TimersList insert, priority queue,
 * unenroll: 4% of the client's CPU at depth 1 in a profile). Here setting a timer is a Set insert and
 * clearing one a Set delete. The real timer is armed for the earliest entry and left in place when
 * entries are cleared: it fires, runs what is due and re-arms for the next one. While no entry is
 * pending it is unref'd, so that a cleared timer never holds the process (as a cleared setTimeout would not).
 */
export class LazyTimers {
  private readonly entries = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private refed = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const entry: Entry = { at: this.now() + Math.max(0, ms), fn };
    this.entries.add(entry);
    if (entry.at < this.timerAt) this.arm(entry.at);
    else if (!this.refed) {
      this.refed = true;
      this.timer?.ref();
    }
    return entry;
  }

  clearTimeout(handle: unknown): void {
    if (this.entries.delete(handle as Entry)) this.unrefWhenIdle();
  }

  /** With nothing pending the node timer may still fire, but must not hold the process. */
  private unrefWhenIdle(): void {
    if (this.entries.size > 0 || !this.refed) return;
    this.refed = false;
    this.timer?.unref();
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.refed = true;
    // Node may fire a timer up to a millisecond before `at` by this clock: fire() then re-arms.
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(at - this.now())));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    const due: Entry[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.entries) {
      if (entry.at <= now) due.push(entry);
      else if (entry.at < next) next = entry.at;
    }
    // Armed before the due ones run, so that a timer they set is weighed against the others pending
    // (armed after, the first one set would hold back every earlier one behind it).
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    due.sort((a, b) => a.at - b.at);
    for (const entry of due) {
      // One that an earlier due timer cleared does not run, as with node's timers.
      if (!this.entries.delete(entry)) continue;
      try {
        entry.fn();
      } catch (error) {
        // Thrown as from a setTimeout callback, once the other due timers have run.
        process.nextTick(() => {
          throw error;
        });
      }
    }
    // What was left may have been cleared while the due ones ran.
    this.unrefWhenIdle();
  };
}
