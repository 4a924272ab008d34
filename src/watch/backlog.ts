/** Events the dashboard keeps by default: its ring buffer, and what a source holds for it (`--buffer`). */
export const DEFAULT_BUFFER = 5000;

/**
 * The newest `limit` items, for a listener that comes later. Pushing is amortised O(1): the array
 * is cut back to `limit` only when it has grown to twice that.
 */
export class Backlog<T> {
  private items: T[] = [];

  constructor(readonly limit: number = DEFAULT_BUFFER) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.limit * 2) this.items = this.items.slice(-this.limit);
  }

  /** The held items, oldest first; the backlog is empty afterwards. */
  drain(): T[] {
    const items = this.items.length > this.limit ? this.items.slice(-this.limit) : this.items;
    this.items = [];
    return items;
  }

  get size(): number {
    return Math.min(this.items.length, this.limit);
  }
}
