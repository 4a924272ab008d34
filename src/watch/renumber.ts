import type { TrafficEntry } from "../protocol/events.js";

/**
 * Keeps event numbers increasing across reconnects and supervisor restarts. A supervisor numbers its
 * feed from 1 each time it starts; shown as they come, `#9` would appear twice and `↳ #9` be
 * ambiguous. When a number goes backwards, later numbers (and the `reply_to` links) are shifted past
 * the highest one shown so far. `map` says when it did that: the feed marks a restart.
 */
export class Renumber {
  private offset = 0;
  private lastRaw = 0;
  private highest = 0;

  map(entry: TrafficEntry): { entry: TrafficEntry; restarted: boolean } {
    const restarted = this.lastRaw > 0 && entry.seq <= this.lastRaw;
    if (restarted) this.offset = this.highest;
    this.lastRaw = entry.seq;
    if (this.offset === 0) {
      this.highest = Math.max(this.highest, entry.seq);
      return { entry, restarted };
    }
    const seq = entry.seq + this.offset;
    this.highest = Math.max(this.highest, seq);
    const shifted: TrafficEntry = { ...entry, seq };
    if (entry.reply_to !== undefined) shifted.reply_to = entry.reply_to + this.offset;
    return { entry: shifted, restarted };
  }

  /** Starts over (a replay played again from its first line). */
  reset(): void {
    this.offset = 0;
    this.lastRaw = 0;
    this.highest = 0;
  }
}
