import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import {
  type ChildServer,
  describeRss,
  idleLoops,
  keepSending,
  legitimateVisit,
  openWs,
  percentile,
  pingTimes,
  runFor,
  sampleWhile,
  startChild,
} from "../helpers/flood.js";

/**
 * Floods the dev supervisor (in a child process) as issue 9 found it attacked, and checks its RSS
 * stays flat. Bound: RSS may grow by at most GROWTH_MB between the end of the warm-up and any sample of
 * the flood. What the supervisor may hold is bounded well below that (per connection: 4 MiB of
 * unanswered messages, 1 MiB of unsent replies, 4 MiB of monitor copies; one message of at most 64 MiB being read), and
 * the failures fixed grew by hundreds of MB in the same time (390 MB for a slow responder).
 */
const TOKEN = "stress-token-0123456789";
const WARMUP_MS = 3000;
const FLOOD_MS = 12_000;
const GROWTH_MB = 64;
/** One connection's buffers are bounded at about 10 MB: a flood of data on one connection gets half the bound. */
const ONE_CONNECTION_GROWTH_MB = 32;
const MB = 1024 * 1024;

let server: ChildServer | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.stop();
  server = undefined;
});

async function supervisor(options: Record<string, unknown> = {}): Promise<ChildServer> {
  server = await startChild("supervisor", { port: 0, token: TOKEN, logFile: null, ...options });
  return server;
}
async function authed(url: string): Promise<WebSocket> {
  const ws = await openWs(url);
  sockets.push(ws);
  ws.on("error", () => {});
  const reply = new Promise<string>((resolve) => ws.once("message", (d) => resolve(String(d))));
  ws.send(JSON.stringify({ type: "auth", token: TOKEN }));
  expect(await reply).toContain('"success":true');
  return ws;
}

/** Warm-up, then RSS samples every 500 ms over the flood; asserts the bound and prints the figures. */
async function expectFlat(
  name: string,
  s: ChildServer,
  extra: () => string = () => "",
  boundMb = GROWTH_MB,
): Promise<number[]> {
  await runFor(WARMUP_MS);
  const samples = await sampleWhile(s, 500, runFor(FLOOD_MS));
  const growth = (Math.max(...samples) - (samples[0] ?? 0)) / MB;
  console.log(`[stress] supervisor, ${name}: RSS ${describeRss(samples)}${extra()}; bound +${boundMb} MB`);
  expect(s.alive()).toBe(true);
  expect(growth, `RSS grew by ${growth.toFixed(1)} MB`).toBeLessThan(boundMb);
  return samples;
}

/** An attacker loop: reconnects whenever the supervisor closes it, and sends `frame()` as fast as it can. */
function attackerLoop(url: string, frame: () => string): { stop(): void; connections: () => number } {
  let running = true;
  let connections = 0;
  let current: { stop(): void } | undefined;
  const connect = async () => {
    if (!running) return;
    try {
      const ws = await openWs(url);
      sockets.push(ws);
      connections += 1;
      ws.on("error", () => {});
      ws.on("message", () => {});
      ws.on("close", () => void connect());
      current = keepSending(ws, frame);
    } catch {
      setTimeout(() => void connect(), 50);
    }
  };
  void connect();
  return {
    connections: () => connections,
    stop: () => {
      running = false;
      current?.stop();
    },
  };
}

const DEEP = `{"type":"x","a":${"[".repeat(5000)}${"]".repeat(5000)}}`;
const sms = (message: string) =>
  JSON.stringify({ type: "sms_received", from: "+1555", to: "+1666", message, user: "alice" });

describe("dev supervisor under floods (RSS flat)", () => {
  it("deep frames and invalid frames, with --record and a monitor attached", async () => {
    const record = join(mkdtempSync(join(tmpdir(), "xswarm-stress-")), "record.jsonl");
    const s = await supervisor({ record });
    const monitor = await authed(s.url);
    monitor.send('{"type":"monitor"}');
    const attackers = [
      attackerLoop(s.url, () => DEEP),
      attackerLoop(s.url, () => `garbage ${Math.random()}`),
      attackerLoop(s.url, () => `["auth","${TOKEN}"]`),
    ];
    let pings: number[] = [];
    const pinging = (async () => {
      await runFor(WARMUP_MS + 1000);
      pings = await pingTimes(s.url, TOKEN, 20);
    })();
    await expectFlat("deep + invalid frames, record + monitor", s, () => {
      const reconnects = attackers.reduce((n, a) => n + a.connections(), 0);
      return `; ${reconnects} flooder connections`;
    });
    await pinging;
    console.log(
      `[stress] supervisor, the same flood: another client's ping p50 ${percentile(pings, 50).toFixed(1)} ms, max ${Math.max(...pings).toFixed(1)} ms`,
    );
    for (const a of attackers) a.stop();
    // Before the fixes the deep frame ended the process; the tap's flood pushed pings to 4-6 s.
    // The median, not the maximum: this machine's other load shows in single round trips.
    expect(pings).toHaveLength(20);
    expect(percentile(pings, 50)).toBeLessThan(2000);
  }, 60_000);

  it("300 loops holding unauthenticated connections open, legitimate clients still served", async () => {
    const s = await supervisor();
    const loops = idleLoops(s.url, 300);
    const visits: number[] = [];
    const visiting = (async () => {
      await runFor(WARMUP_MS);
      const until = performance.now() + FLOOD_MS - 1000;
      while (performance.now() < until) visits.push(await legitimateVisit(s.url, TOKEN));
    })();
    await expectFlat(
      "300 idle-connection loops",
      s,
      () =>
        `; ${visits.length} legitimate visits (connect+auth+sms) p50 ${percentile(visits, 50).toFixed(0)} ms, max ${Math.max(...visits).toFixed(0)} ms; ${loops.closedBy.get(1013) ?? 0} evictions`,
    );
    await visiting;
    loops.stop();
    // Each visit throws if refused (before the fixes: 503 for every one); a few must complete.
    expect(visits.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("a slow responder and a client that keeps sending", async () => {
    const s = await supervisor({ delayMs: 50 });
    const ws = await authed(s.url);
    ws.on("message", () => {});
    const text = "x".repeat(100_000);
    const sender = keepSending(ws, () => sms(text), 32 * MB);
    await expectFlat(
      "slow responder (50 ms) + fast sender of 100 KB SMS",
      s,
      () => `; ${sender.sent()} sent`,
      ONE_CONNECTION_GROWTH_MB,
    );
    sender.stop();
  }, 60_000);

  it("a client that sends but never reads its replies", async () => {
    const s = await supervisor();
    const ws = await authed(s.url);
    ws.pause();
    // The reply echoes `user`: 50 KB in, 50 KB out.
    const frame = JSON.stringify({
      type: "sms_received",
      from: "+1",
      to: "+2",
      message: "",
      user: "u".repeat(50_000),
    });
    const sender = keepSending(ws, () => frame, 32 * MB);
    await expectFlat(
      "non-reading client, 50 KB replies",
      s,
      () => `; ${sender.sent()} sent`,
      ONE_CONNECTION_GROWTH_MB,
    );
    sender.stop();
  }, 60_000);

  it("wrong tokens as fast as one connection can send them", async () => {
    const s = await supervisor();
    const ws = await openWs(s.url);
    sockets.push(ws);
    let answers = 0;
    ws.on("message", () => {
      answers += 1;
    });
    const sender = keepSending(ws, () => '{"type":"auth","token":"wrong-token-000"}');
    const started = performance.now();
    await expectFlat("wrong-token flood", s, () => {
      const rate = answers / ((performance.now() - started) / 1000);
      return `; ${answers} answered (${Math.round(rate)}/s)`;
    });
    sender.stop();
    expect(answers).toBeGreaterThan(1000);
  }, 60_000);
});
