/**
 * Where each `monitor` request stands among a tap client's replies. The tap answers `monitor` itself,
 * but only once the upstream has replied to every text frame sent before it: a client correlating
 * replies by order then never takes `monitor_started` for the answer to something else.
 */
export class MonitorOrder {
  /** Text frames sent on to the upstream, and replies it has given: each text frame gets exactly one. */
  private forwarded = 0;
  private answered = 0;
  /** For each `monitor` not answered yet: how many upstream replies must come before its own. */
  private readonly due: number[] = [];

  /** A text frame went on to the upstream: it is owed a reply. */
  forwardedOne(): void {
    this.forwarded += 1;
  }

  /** The upstream replied. A reply nobody asked for (none is owed) moves nothing. */
  replied(): void {
    if (this.answered < this.forwarded) this.answered += 1;
  }

  /** A `monitor` arrived, after every frame forwarded so far. */
  monitorAsked(): void {
    this.due.push(this.forwarded);
  }

  /** How many of the waiting `monitor` requests have reached the head of the reply order (taken off the queue). */
  takeDue(): number {
    let count = 0;
    while (this.due.length > 0 && (this.due[0] ?? 0) <= this.answered) {
      this.due.shift();
      count += 1;
    }
    return count;
  }
}
