import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { bundle, ROOT } from "./build.js";
import { percentile, sleep } from "./stats.js";
import { batchedSend } from "./supervisor/baseline.js";
import { ServerProcess } from "./supervisor/child.js";
import { SETTLE_MS, SLICES, sliceOrder } from "./turns.js";
import type { BenchContext, Benchmark } from "./types.js";

const TOKEN = "bench-token-0123456789";

/**
 * The client from the bundle (dist/), as users import it: through tsx its functions carry helpers
 * the raw baseline, a few lines, hardly has. XSWARM_BENCH_DIST picks another build's dist/.
 */
async function library(): Promise<typeof import("../src/index.js")> {
  bundle();
  const dist = process.env.XSWARM_BENCH_DIST ?? join(ROOT, "dist");
  return import(pathToFileURL(join(dist, "index.js")).href);
}
const SMS = { from: "+15551234567", to: "+15559876543", message: "Hello Boss!", user: "bench" };

/**
 * The minimal server, in its own process so that it does not share the client's thread: it
 * authenticates the first message and answers every later one with `message_acknowledged`, its
 * writes batched per event-loop pass, so that the server is never what limits either client.
 */
const SERVER_JS = `
const { WebSocketServer } = require("ws");
const token = process.argv[1];
const ok = JSON.stringify({ type: "auth_result", success: true, message: "Authenticated successfully" });
const bad = JSON.stringify({ type: "auth_result", success: false, message: "Invalid authentication token" });
const ack = JSON.stringify({ type: "message_acknowledged", message_type: "sms", user: "bench", timestamp: "2025-01-15T10:30:00.123456789+00:00" });
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
wss.on("listening", () => process.stdout.write(wss.address().port + "\\n"));
wss.on("connection", (ws) => {
  let authed = false;
  let corked = false;
  const uncork = () => { corked = false; ws._socket.uncork(); };
  const send = (text) => {
    if (!corked) { corked = true; ws._socket.cork(); process.nextTick(uncork); }
    ws.send(text);
  };
  ws.on("message", (data) => {
    if (authed) return send(ack);
    const m = JSON.parse(data.toString());
    authed = m.type === "auth" && m.token === token;
    send(authed ? ok : bad);
  });
});
`;

async function withServer<T>(run: (url: string) => Promise<T>): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER_JS, TOKEN], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  try {
    return await run(`ws://127.0.0.1:${chunk.toString().trim()}`);
  } finally {
    child.kill();
    await once(child, "exit");
  }
}

/** A side under test, connected: `start` keeps `depth` requests outstanding until its `stop()`. */
interface Side {
  start(onReply: () => void): () => Promise<void>;
  close(): void;
}

/** What one side did over its counted slices. */
interface Tally {
  replies: number;
  ms: number;
  cpuUs: number;
}

/**
 * Replies per second and the client process's CPU per reply (this process: the server has its own),
 * for each side, over `windowMs` each: after a warm-up of each, the sides take turns in SLICES slices
 * each (sliceOrder), each side stopped (its requests drained) while another runs.
 */
async function interleaved(ctx: BenchContext, sides: Side[]): Promise<Tally[]> {
  let counting = false;
  let replies = 0;
  const onReply = () => {
    if (counting) replies += 1;
  };
  for (const side of sides) {
    const stop = side.start(onReply);
    await sleep(Math.min(1000, ctx.windowMs / 2));
    await stop();
  }
  const tallies: Tally[] = sides.map(() => ({ replies: 0, ms: 0, cpuUs: 0 }));
  const sliceMs = ctx.windowMs / SLICES;
  for (const which of sliceOrder(sides.length, ctx.round)) {
    const tally = tallies[which] as Tally;
    const stop = (sides[which] as Side).start(onReply);
    await sleep(SETTLE_MS);
    replies = 0;
    counting = true;
    const startedAt = performance.now();
    const cpu = process.cpuUsage();
    await sleep(sliceMs);
    counting = false;
    const used = process.cpuUsage(cpu);
    tally.ms += performance.now() - startedAt;
    tally.cpuUs += used.user + used.system;
    tally.replies += replies;
    await stop();
  }
  return tallies;
}

/**
 * `depth` loops, each awaiting one `request()` after another, as a caller of the library's API would:
 * the same loops for SupervisorClient and for the promise floor, so that they differ only in `request`.
 */
function awaitingLoops(depth: number, request: () => Promise<unknown>, close: () => void): Side {
  return {
    start(onReply) {
      let running = true;
      const worker = async () => {
        while (running) {
          await request();
          onReply();
        }
      };
      const workers = Array.from({ length: depth }, worker);
      return async () => {
        running = false;
        await Promise.all(workers);
      };
    },
    close,
  };
}

/** SupervisorClient, each of `depth` loops awaiting one sendSmsEvent after another. */
async function clientSide(url: string, depth: number): Promise<Side> {
  const { SupervisorClient } = await library();
  const client = new SupervisorClient({ url, authToken: TOKEN, heartbeatIntervalMs: 0 });
  await client.connect();
  return awaitingLoops(
    depth,
    () => client.sendSmsEvent(SMS),
    () => client.disconnect(),
  );
}

/** A bare ws client, connected and authenticated, and its send, writes batched per event-loop pass. */
async function rawConnection(url: string): Promise<{ ws: WebSocket; send: (text: string) => void }> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, "open");
  ws.send(JSON.stringify({ type: "auth", token: TOKEN }));
  const [auth] = (await once(ws, "message")) as [Buffer];
  if (!(JSON.parse(auth.toString()) as { success: boolean }).success)
    throw new Error("raw client: auth failed");
  return { ws, send: batchedSend(ws) };
}

/**
 * The baseline: a bare ws client doing the same exchange: JSON out, each reply parsed and checked,
 * `depth` outstanding, its writes batched per event-loop pass as a fast client would.
 */
async function rawSide(url: string, depth: number): Promise<Side> {
  const { ws, send } = await rawConnection(url);
  return {
    start(onReply) {
      let running = true;
      let outstanding = 0;
      let drained: () => void = () => {};
      const sendOne = () => {
        outstanding++;
        send(JSON.stringify({ type: "sms_received", ...SMS }));
      };
      const onMessage = (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { type: string };
        if (reply.type !== "message_acknowledged") return;
        outstanding--;
        onReply();
        if (running) sendOne();
        else if (outstanding === 0) drained();
      };
      ws.on("message", onMessage);
      for (let i = 0; i < depth; i++) sendOne();
      return () =>
        new Promise<void>((resolve) => {
          running = false;
          drained = () => {
            ws.off("message", onMessage);
            resolve();
          };
          if (outstanding === 0) drained();
        });
    },
    close: () => ws.terminate(),
  };
}

/** The settling function of the promise just made: one executor for every request, as the client has. */
let captured: (reply: unknown) => void = () => {};
const capture = (resolve: (reply: unknown) => void) => {
  captured = resolve;
};

/**
 * The promise floor, printed beside the figure (not a goal's baseline): the raw client with nothing
 * added but what the library's API is, a promise per request that one of `depth` loops awaits (as
 * clientSide's loops do), settled in reply order from a FIFO. What it loses to the raw client is the
 * promise's cost; what SupervisorClient loses to it is the rest of the client.
 */
async function promisedSide(url: string, depth: number): Promise<Side> {
  const { ws, send } = await rawConnection(url);
  let waiting: ((reply: unknown) => void)[] = [];
  let head = 0;
  ws.on("message", (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as { type: string };
    if (reply.type !== "message_acknowledged") return;
    const resolve = waiting[head++];
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    }
    resolve?.(reply);
  });
  const request = () => {
    const promise = new Promise(capture);
    waiting.push(captured);
    send(JSON.stringify({ type: "sms_received", ...SMS }));
    return promise;
  };
  return awaitingLoops(depth, request, () => ws.terminate());
}

function throughput(depth: number): Benchmark {
  return {
    name: `client.throughput.depth${depth}`,
    aliases:
      depth === 32 ? ["client.throughput.inflight32"] : depth === 1 ? ["client.throughput.inflight1"] : [],
    unit: "req/s",
    goal: { at: "least", ratio: 0.95 },
    baselineLabel: "raw ws client, cork per pass",
    run: (ctx) =>
      withServer(async (url) => {
        const sides = [
          await clientSide(url, depth),
          await rawSide(url, depth),
          await promisedSide(url, depth),
        ];
        try {
          const [client, raw, promised] = (await interleaved(ctx, sides)) as [Tally, Tally, Tally];
          const rate = (t: Tally) => (t.replies / t.ms) * 1000;
          const cpu = (t: Tally) => t.cpuUs / t.replies;
          return {
            value: rate(client),
            baseline: rate(raw),
            extra: {
              cpu_us_per_req: cpu(client),
              baseline_cpu_us_per_req: cpu(raw),
              cpu_ratio: cpu(client) / cpu(raw),
              promise_floor: rate(promised),
              promise_floor_ratio: rate(promised) / rate(raw),
              ratio_to_promise_floor: rate(client) / rate(promised),
              promise_floor_cpu_us_per_req: cpu(promised),
            },
          };
        } finally {
          for (const side of sides) side.close();
        }
      }),
  };
}

const CLIENTS = 20;

/**
 * Times from the server listening again (after an outage of `outageMs`) to each client being ready.
 * `fresh` measures new clients connecting at that moment instead: the baseline, the least it can take.
 */
async function reconnectTimes(outageMs: number): Promise<{ value: number[]; baseline: number[] }> {
  const { SupervisorClient } = await library();
  let server = await ServerProcess.start("raw", TOKEN);
  const port = new URL(server.url).port;
  const clients = Array.from(
    { length: CLIENTS },
    () => new SupervisorClient({ url: server.url, authToken: TOKEN }),
  );
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await server.stop();
    await sleep(outageMs);
    const readyAt = clients.map(
      (c) =>
        new Promise<number>((resolve) => {
          const onState = (state: { status: string }) => {
            if (state.status !== "ready") return;
            c.off("state", onState);
            resolve(performance.now());
          };
          c.on("state", onState);
        }),
    );
    server = await ServerProcess.start("raw", TOKEN, port);
    const listening = performance.now();
    const fresh = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = new SupervisorClient({ url: server.url, authToken: TOKEN, reconnect: false });
        const started = performance.now();
        await c.connect();
        c.disconnect();
        return performance.now() - started;
      }),
    );
    const value = (await Promise.all(readyAt)).map((t) => t - listening);
    return { value, baseline: fresh };
  } finally {
    for (const c of clients) c.disconnect();
    await server.stop();
  }
}

export const benchmarks: Benchmark[] = [
  ...[1, 8, 32, 128, 512].map(throughput),
  {
    name: "client.reconnect.after15s",
    unit: "ms",
    goal: { at: "most", value: 1000 },
    baselineLabel: "20 new clients connecting when it listens",
    run: async (ctx) => {
      // --quick keeps the shape of the outage (long enough for the backoff to reach its cap) but not 15 s.
      const { value, baseline } = await reconnectTimes(ctx.quick ? 5000 : 15_000);
      return {
        value: percentile(value, 90),
        baseline: percentile(baseline, 90),
        extra: { median_ms: percentile(value, 50), max_ms: percentile(value, 100) },
      };
    },
  },
];
