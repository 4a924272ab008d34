import { describe, expect, it } from "vitest";
import { LazyTimers } from "../../src/client/lazy-timers.js";

const refedTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("LazyTimers", () => {
  it("runs due timers earliest first, and never one that was cleared (even by an earlier one)", async () => {
    const timers = new LazyTimers();
    const ran: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    timers.setTimeout(() => {
      ran.push("c");
      done();
    }, 30);
    const late = timers.setTimeout(() => ran.push("never"), 20);
    timers.setTimeout(() => {
      ran.push("a");
      timers.clearTimeout(late);
    }, 10);
    timers.clearTimeout(timers.setTimeout(() => ran.push("cleared"), 5));
    timers.setTimeout(() => ran.push("b"), 10);
    await finished;
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("fires a timer set from inside another, and one set after the earliest was cleared", async () => {
    const timers = new LazyTimers();
    const early = timers.setTimeout(() => {}, 1);
    timers.clearTimeout(early);
    const ran = await new Promise<string[]>((resolve) => {
      const order: string[] = [];
      timers.setTimeout(() => {
        order.push("outer");
        timers.setTimeout(() => {
          order.push("inner");
          resolve(order);
        }, 0);
      }, 5);
    });
    expect(ran).toEqual(["outer", "inner"]);
  });

  it("does not hold a pending timer back behind a later one that a due timer sets", async () => {
    const timers = new LazyTimers();
    let later: unknown;
    await new Promise<void>((resolve) => {
      timers.setTimeout(() => {
        later = timers.setTimeout(() => {}, 60_000);
      }, 1);
      // Held back, this one would wait for the 60 s timer: the test would time out.
      timers.setTimeout(resolve, 20);
    });
    timers.clearTimeout(later);
  });

  it("holds the process only while a timer is pending, as node's timers do", () => {
    const before = refedTimeouts();
    const timers = new LazyTimers();
    const a = timers.setTimeout(() => {}, 10_000);
    const b = timers.setTimeout(() => {}, 20_000);
    expect(refedTimeouts()).toBe(before + 1);
    timers.clearTimeout(a);
    expect(refedTimeouts()).toBe(before + 1);
    timers.clearTimeout(b);
    expect(refedTimeouts()).toBe(before);
    const c = timers.setTimeout(() => {}, 30_000);
    expect(refedTimeouts()).toBe(before + 1);
    timers.clearTimeout(c);
    timers.clearTimeout(c);
    timers.clearTimeout(undefined);
    expect(refedTimeouts()).toBe(before);
  });
});
