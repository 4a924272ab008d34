import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { listenForStop, STOP_SIGNALS } from "../../src/commands/signals.js";
import { runLoad } from "../../src/send/load.js";

/** A stand-in for `process`: signals are emitted by hand, exit is recorded. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const target = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    off: (event: string, listener: (...args: unknown[]) => void) => emitter.off(event, listener),
    exit: (code?: number) => {
      exits.push(code ?? 0);
    },
  } as unknown as Pick<NodeJS.Process, "on" | "off" | "exit">;
  return { emitter, exits, target };
}

describe("listenForStop", () => {
  it.each(STOP_SIGNALS)(
    "asks for a graceful stop at the first %s and exits 130 at a second",
    async (signal) => {
      const fake = fakeProcess();
      const said: string[] = [];
      const stop = listenForStop({ target: fake.target, onFirst: (s) => said.push(s) });
      expect(stop.abort.aborted).toBe(false);
      fake.emitter.emit(signal, signal);
      expect(await stop.received).toBe(signal);
      expect(stop.abort.aborted).toBe(true);
      expect(said).toEqual([signal]);
      expect(fake.exits).toEqual([]);
      fake.emitter.emit("SIGINT", "SIGINT");
      expect(fake.exits).toEqual([130]);
      stop.dispose();
    },
  );

  it("leaves no listener behind once disposed", () => {
    const fake = fakeProcess();
    listenForStop({ target: fake.target }).dispose();
    for (const signal of STOP_SIGNALS) expect(fake.emitter.listenerCount(signal)).toBe(0);
  });
});

describe("a load run told to stop", () => {
  it("sends no more events, waits for those in flight and says it was interrupted", async () => {
    const controller = new AbortController();
    const answers: Array<() => void> = [];
    const run = runLoad({
      count: 100,
      concurrency: 2,
      stop: controller.signal,
      send: () => new Promise<void>((resolve) => answers.push(resolve)),
    });
    await expect.poll(() => answers.length).toBe(2);
    controller.abort();
    for (const answer of answers) answer();
    const { summary } = await run;
    expect(summary).toMatchObject({ sent: 2, ok: 2, failed: 0, interrupted: true });
  });

  it("stops waiting for its rate at once", async () => {
    const controller = new AbortController();
    let sent = 0;
    const run = runLoad({
      count: 3,
      concurrency: 1,
      rate: 0.001, // one event every 1000 s: only the first goes out before the stop
      stop: controller.signal,
      send: async () => {
        sent += 1;
      },
    });
    await expect.poll(() => sent).toBe(1);
    controller.abort();
    expect((await run).summary).toMatchObject({ sent: 1, interrupted: true });
  });

  it("is not interrupted when it had finished", async () => {
    const controller = new AbortController();
    const { summary } = await runLoad({
      count: 2,
      concurrency: 1,
      stop: controller.signal,
      send: async () => {},
    });
    controller.abort();
    expect(summary.interrupted).toBeUndefined();
  });
});
