import WebSocket from "ws";
import type { Clock } from "../../src/clock.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";

export const TOKEN = "dev-token-12345";
/** How long one connection may take to answer all its frames before the exchange gives up. */
const EXCHANGE_DEADLINE_MS = 5000;

/** Time stands still: every suggestion arrives at the server's start time, as in the oracle. */
export const frozenClock: Clock = {
  now: () => 1_700_000_000_000,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The embedded supervisor as faithful as it gets: the flood limiter out of the way and the
 * suggestion clock frozen at start. (`clock` is the supervisor's Clock option.)
 */
export function startFaithfulSupervisor(): Promise<SupervisorHandle> {
  const options: StartSupervisorOptions & { clock: Clock } = {
    port: 0,
    token: TOKEN,
    responder: "ack",
    logFile: null,
    env: {},
    limits: { floodMaxErrors: 1_000_000_000 },
    clock: frozenClock,
  };
  return startSupervisor(options);
}

/**
 * Opens one connection, sends the frames and collects one text reply per frame. A connection the
 * server closes, or one that stays silent past the deadline, ends the list with a marker.
 */
export function exchange(url: string, frames: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const answers: string[] = [];
    let done = false;
    const finish = (marker?: string) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (marker !== undefined) answers.push(marker);
      ws.close();
      resolve(answers);
    };
    const deadline = setTimeout(
      () => finish(`<no reply within ${EXCHANGE_DEADLINE_MS} ms>`),
      EXCHANGE_DEADLINE_MS,
    );
    ws.on("open", () => {
      for (const frame of frames) ws.send(frame);
      if (frames.length === 0) finish();
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      answers.push(String(data));
      if (answers.length === frames.length) finish();
    });
    ws.on("close", (code, reason) => finish(`<closed ${code} ${String(reason)}>`));
    ws.on("error", (error) => {
      if (!done && answers.length === 0) {
        done = true;
        clearTimeout(deadline);
        reject(error);
      }
    });
  });
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
