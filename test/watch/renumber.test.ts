import { describe, expect, it } from "vitest";
import { Backlog } from "../../src/watch/backlog.js";
import { Renumber } from "../../src/watch/renumber.js";
import { ack, sms } from "../helpers/traffic-entries.js";

describe("Renumber: numbers never repeat across a supervisor restart", () => {
  it("shifts the numbers (and the reply links) of a feed that starts again from 1", () => {
    const numbers = new Renumber();
    const before = [sms("one"), sms("two")].map((e, i) => ({ ...e, seq: i + 8 }));
    const shown = before.map((e) => numbers.map(e));
    expect(shown.map((s) => s.entry.seq)).toEqual([8, 9]);
    const request = { ...sms("after the restart"), seq: 1 };
    const reply = { ...ack(1, 3), seq: 2 };
    const a = numbers.map(request);
    const b = numbers.map(reply);
    expect(a.restarted).toBe(true);
    expect(a.entry.seq).toBe(10);
    expect(b.restarted).toBe(false);
    expect(b.entry).toMatchObject({ seq: 11, reply_to: 10 });
  });

  it("leaves a feed that goes on counting (a reconnect to the same supervisor) as it is", () => {
    const numbers = new Renumber();
    expect(numbers.map({ ...sms("a"), seq: 5 }).entry.seq).toBe(5);
    const later = numbers.map({ ...sms("b"), seq: 40 });
    expect(later).toMatchObject({ restarted: false, entry: { seq: 40 } });
  });
});

describe("Backlog", () => {
  it("keeps the newest `limit` items", () => {
    const backlog = new Backlog<number>(3);
    for (let i = 1; i <= 10; i++) backlog.push(i);
    expect(backlog.size).toBe(3);
    expect(backlog.drain()).toEqual([8, 9, 10]);
    expect(backlog.drain()).toEqual([]);
  });
});
