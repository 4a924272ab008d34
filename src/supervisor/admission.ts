import type { Logger } from "./log.js";
import { LogTally } from "./log-tally.js";

/** A place among the connections that have not authenticated yet; released on auth or close. */
export interface Admission {
  release(): void;
}

/** One object per connection, its own Admission: no closure per connection. */
class Place implements Admission {
  constructor(
    private readonly waiting: Set<Place>,
    readonly evict: () => void,
  ) {}

  release(): void {
    this.waiting.delete(this);
  }
}

/**
 * The connections that have not authenticated yet, oldest first. A full house makes room for a
 * newcomer by evicting the oldest: idle connections held open by some local process can no longer
 * lock everyone else out (a legitimate client needs only the time of one auth round trip).
 */
export class AdmissionGate {
  private readonly waiting = new Set<Place>();
  private readonly evictions: LogTally;

  constructor(
    private readonly cap: number,
    log: Logger,
  ) {
    this.evictions = new LogTally(
      log,
      (n, seconds) => ({
        msg: `closed ${n} more unauthenticated connection${n === 1 ? "" : "s"} to make room in the last ${seconds} s`,
        fields: { limit: cap },
      }),
      {
        first: {
          msg: "too many unauthenticated connections: closing the oldest to make room",
          fields: { limit: cap },
        },
      },
    );
  }

  /** How many have not authenticated yet. */
  get size(): number {
    return this.waiting.size;
  }

  /** Admits a newcomer, evicting the oldest waiting connections while `cap` are waiting. */
  admit(evict: () => void): Admission {
    while (this.waiting.size >= this.cap) {
      const oldest = this.waiting.values().next().value;
      if (!oldest) break;
      this.waiting.delete(oldest);
      this.evictions.hit();
      oldest.evict();
    }
    const place = new Place(this.waiting, evict);
    this.waiting.add(place);
    return place;
  }

  /** Writes the pending summary line (on shutdown). */
  flush(): void {
    this.evictions.flush();
  }
}
