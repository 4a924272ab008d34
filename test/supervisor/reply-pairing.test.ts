import { describe, expect, it } from "vitest";
import { MAX_PENDING, ReplyPairing } from "../../src/supervisor/reply-pairing.js";

describe("ReplyPairing", () => {
  it("pairs first in first out, per connection, as an array queue would", () => {
    const pairing = new ReplyPairing();
    const model = new Map<string, { seq: number; at: number }[]>();
    let seq = 0;
    let random = 1;
    // Queues that grow past their first room and wrap around, then drain.
    for (let i = 0; i < 20_000; i++) {
      random = (random * 1103515245 + 12345) & 0x7fffffff;
      const id = random % 3 === 0 ? "a" : "b";
      const queue = model.get(id) ?? [];
      model.set(id, queue);
      if (random % 100 < (i < 10_000 ? 60 : 40)) {
        seq += 1;
        pairing.queue(id).push(seq, seq + 0.25);
        queue.push({ seq, at: seq + 0.25 });
      } else {
        const pending = pairing.existing(id);
        const taken = pending?.shift();
        expect(taken === undefined ? undefined : { seq: taken, at: pending?.shiftedAt }).toEqual(
          queue.shift(),
        );
      }
    }
    pairing.forget("a");
    expect(pairing.existing("a")).toBeUndefined();
  });

  it("forgets the oldest requests past its bound", () => {
    const queue = new ReplyPairing().queue("c");
    for (let seq = 1; seq <= MAX_PENDING + 5; seq++) queue.push(seq, 0);
    expect(queue.shift()).toBe(6);
    expect(queue.shift()).toBe(7);
  });
});
