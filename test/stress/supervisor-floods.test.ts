import { afterEach, describe, expect, it } from "vitest";
import { type ChildServer, keepSending, startChild } from "../helpers/flood.js";
import {
  DEEP_FRAME,
  echoedUserFrame,
  FLOOD_TOKEN,
  floodHarness,
  recordPath,
  smsFrame,
} from "../helpers/flood-harness.js";

/**
 * Floods the dev supervisor (in a child process) as issue 9 found it attacked, and checks its RSS
 * stays flat. Bound: RSS may grow by at most GROWTH_MB between the end of the warm-up and any sample of
 * the flood. What the supervisor may hold is bounded well below that (per connection: 4 MiB of
 * unanswered messages, 1 MiB of unsent replies, 4 MiB of monitor copies; one message of at most 64 MiB being read), and
 * the failures fixed grew by hundreds of MB in the same time (390 MB for a slow responder).
 */
const flood = floodHarness("supervisor");

let server: ChildServer | undefined;
afterEach(async () => {
  flood.closeSockets();
  await server?.stop();
  server = undefined;
});

async function supervisor(options: Record<string, unknown> = {}): Promise<ChildServer> {
  server = await startChild("supervisor", { port: 0, token: FLOOD_TOKEN, logFile: null, ...options });
  return server;
}

describe("dev supervisor under floods (RSS flat)", () => {
  it("deep frames and invalid frames, with --record and a monitor attached", async () => {
    const s = await supervisor({ record: recordPath() });
    await flood.floodWithMonitorAndPings(s, [
      () => DEEP_FRAME,
      () => `garbage ${Math.random()}`,
      () => `["auth","${FLOOD_TOKEN}"]`,
    ]);
  }, 60_000);

  it("300 loops holding unauthenticated connections open, legitimate clients still served", async () => {
    await flood.idleLoopsWithVisitors(await supervisor());
  }, 60_000);

  it("a slow responder and a client that keeps sending", async () => {
    const s = await supervisor({ delayMs: 50 });
    const text = "x".repeat(100_000);
    await flood.oneConnectionFlood(
      "slow responder (50 ms) + fast sender of 100 KB SMS",
      s,
      () => smsFrame(text),
      (ws) => ws.on("message", () => {}),
    );
  }, 60_000);

  it("a client that sends but never reads its replies", async () => {
    const s = await supervisor();
    await flood.oneConnectionFlood(
      "non-reading client, 50 KB replies",
      s,
      () => echoedUserFrame,
      (ws) => ws.pause(),
    );
  }, 60_000);

  it("wrong tokens as fast as one connection can send them", async () => {
    const s = await supervisor();
    const ws = await flood.unauthed(s.url);
    let answers = 0;
    ws.on("message", () => {
      answers += 1;
    });
    const sender = keepSending(ws, () => '{"type":"auth","token":"wrong-token-000"}');
    const started = performance.now();
    await flood.expectFlat("wrong-token flood", s, () => {
      const rate = answers / ((performance.now() - started) / 1000);
      return `; ${answers} answered (${Math.round(rate)}/s)`;
    });
    sender.stop();
    expect(answers).toBeGreaterThan(1000);
  }, 60_000);
});
