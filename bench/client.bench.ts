import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { bundle, ROOT } from "./build.js";
import { percentile, sleep } from "./stats.js";
import { batchedSend } from "./supervisor/baseline.js";
import { ServerProcess } from "./supervisor/child.js";
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

/**
 * Replies per second over a window of `windowMs`, after a warm-up: `start(count)` keeps `depth`
 * requests outstanding and calls `count()` for each reply until `stop()`.
 */
async function windowRate(
  ctx: BenchContext,
  loop: (onReply: () => void) => () => Promise<void>,
): Promise<number> {
  let counting = false;
  let replies = 0;
  const stop = loop(() => {
    if (counting) replies += 1;
  });
  await sleep(Math.min(1000, ctx.windowMs / 2));
  counting = true;
  const start = performance.now();
  await sleep(ctx.windowMs);
  counting = false;
  const seconds = (performance.now() - start) / 1000;
  await stop();
  return replies / seconds;
}

/** SupervisorClient with `depth` concurrent sendSmsEvent loops. */
async function clientRate(url: string, depth: number, ctx: BenchContext): Promise<number> {
  const { SupervisorClient } = await library();
  const client = new SupervisorClient({ url, authToken: TOKEN, heartbeatIntervalMs: 0 });
  await client.connect();
  try {
    return await windowRate(ctx, (onReply) => {
      let running = true;
      const worker = async () => {
        while (running) {
          await client.sendSmsEvent(SMS);
          onReply();
        }
      };
      const workers = Array.from({ length: depth }, worker);
      return async () => {
        running = false;
        await Promise.all(workers);
      };
    });
  } finally {
    client.disconnect();
  }
}

/**
 * The baseline: a bare ws client doing the same exchange: JSON out, each reply parsed and checked,
 * `depth` outstanding, its writes batched per event-loop pass as a fast client would.
 */
async function rawRate(url: string, depth: number, ctx: BenchContext): Promise<number> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, "open");
  ws.send(JSON.stringify({ type: "auth", token: TOKEN }));
  const [auth] = (await once(ws, "message")) as [Buffer];
  if (!(JSON.parse(auth.toString()) as { success: boolean }).success)
    throw new Error("raw client: auth failed");
  const send = batchedSend(ws);
  try {
    return await windowRate(ctx, (onReply) => {
      let running = true;
      let outstanding = 0;
      let drained: () => void = () => {};
      const sendOne = () => {
        outstanding++;
        send(JSON.stringify({ type: "sms_received", ...SMS }));
      };
      ws.on("message", (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { type: string };
        if (reply.type !== "message_acknowledged") return;
        outstanding--;
        onReply();
        if (running) sendOne();
        else if (outstanding === 0) drained();
      });
      for (let i = 0; i < depth; i++) sendOne();
      return () =>
        new Promise<void>((resolve) => {
          running = false;
          drained = resolve;
          if (outstanding === 0) resolve();
        });
    });
  } finally {
    ws.terminate();
  }
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
        // The order alternates by run, so that neither always goes first on a warming machine.
        if (ctx.round % 2 === 1) {
          const value = await clientRate(url, depth, ctx);
          return { value, baseline: await rawRate(url, depth, ctx) };
        }
        const baseline = await rawRate(url, depth, ctx);
        return { value: await clientRate(url, depth, ctx), baseline };
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
