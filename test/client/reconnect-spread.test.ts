import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF } from "../../src/client/backoff.js";
import { SupervisorClient } from "../../src/client/supervisor-client.js";
import { ProtocolServer } from "../helpers/protocol-server.js";
import { FakeClock } from "./fake-clock.js";
import { waitForState } from "./util.js";

const CLIENTS = 20;
/** Rounds of one cap each: a 15 s outage with the default 1 s cap. */
const OUTAGE_ROUNDS = 15;

/** A small seeded generator (mulberry32), one per client, so that the spread is exact and repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe("default reconnect backoff after a long outage", () => {
  it("keeps 20 clients' delays under the 1 s cap, spread apart, and all are back within one cap", async () => {
    const server = await ProtocolServer.start();
    cleanup.push(() => server.stop());
    const clock = new FakeClock();
    const delays: number[][] = [];
    const clients = Array.from({ length: CLIENTS }, (_, i) => {
      const client = new SupervisorClient({
        url: server.url,
        heartbeatIntervalMs: 0,
        clock,
        random: seeded(i + 1),
      });
      const mine: number[] = [];
      delays.push(mine);
      client.on("state", (s) => {
        if (s.status === "reconnecting") mine.push(s.delayMs);
      });
      cleanup.push(() => client.disconnect());
      return client;
    });
    await Promise.all(clients.map((c) => c.connect()));

    await server.stop();
    // Each round moves time by the cap: every client's pending attempt fires (and is refused).
    for (let round = 1; round <= OUTAGE_ROUNDS; round++) {
      await Promise.all(clients.map((c) => waitForState(c, "reconnecting", (s) => s.attempt === round)));
      clock.advance(DEFAULT_BACKOFF.maxDelayMs);
    }
    await Promise.all(
      clients.map((c) => waitForState(c, "reconnecting", (s) => s.attempt === OUTAGE_ROUNDS + 1)),
    );

    expect(DEFAULT_BACKOFF.maxDelayMs).toBe(1000);
    for (const mine of delays) {
      expect(mine).toHaveLength(OUTAGE_ROUNDS + 1);
      for (const delay of mine) expect(delay).toBeLessThan(DEFAULT_BACKOFF.maxDelayMs);
    }
    // The delays that end the outage: not in lockstep, but spread over the cap.
    const last = delays.map((mine) => mine.at(-1) as number);
    expect(new Set(last).size).toBeGreaterThan(CLIENTS / 2);
    expect(Math.max(...last) - Math.min(...last)).toBeGreaterThan(DEFAULT_BACKOFF.maxDelayMs / 2);

    await server.listen();
    clock.advance(DEFAULT_BACKOFF.maxDelayMs);
    await Promise.all(clients.map((c) => waitForState(c, "ready")));
    expect(clients.every((c) => c.isReady())).toBe(true);
  });
});
