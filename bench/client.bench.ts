import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { SupervisorClient } from "../src/client/supervisor-client.js";
import type { Benchmark } from "./types.js";

const TOKEN = "bench-token-0123456789";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SMS = { from: "+15551234567", to: "+15559876543", message: "Hello Boss!", user: "bench" };
const WARMUP = 3000;

/**
 * The minimal server, in its own process so that it does not share the client's thread: it
 * authenticates the first message and answers every later one with `message_acknowledged`.
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
  ws.on("message", (data) => {
    if (authed) return ws.send(ack);
    const m = JSON.parse(data.toString());
    authed = m.type === "auth" && m.token === token;
    ws.send(authed ? ok : bad);
  });
});
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", SERVER_JS, TOKEN], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  return { url: `ws://127.0.0.1:${chunk.toString().trim()}`, child };
}

async function withServer<T>(run: (url: string) => Promise<T>): Promise<T> {
  const { url, child } = await startServer();
  try {
    return await run(url);
  } finally {
    child.kill();
    await once(child, "exit");
  }
}

/** Requests per second of `run(total)`, after `run(WARMUP)` to warm the JIT and the socket. */
async function timedRate(run: (count: number) => Promise<void>, total: number): Promise<number> {
  await run(WARMUP);
  const start = performance.now();
  await run(total);
  return total / ((performance.now() - start) / 1000);
}

/** Requests per second of SupervisorClient with `inflight` concurrent sendSmsEvent loops. */
async function clientRate(url: string, total: number, inflight: number): Promise<number> {
  const client = new SupervisorClient({ url, authToken: TOKEN, heartbeatIntervalMs: 0 });
  await client.connect();
  const run = async (count: number) => {
    let left = count;
    const worker = async () => {
      while (left > 0) {
        left--;
        await client.sendSmsEvent(SMS);
      }
    };
    await Promise.all(Array.from({ length: inflight }, worker));
  };
  try {
    return await timedRate(run, total);
  } finally {
    client.disconnect();
  }
}

/** The baseline: a bare ws client doing the same exchange (JSON out, JSON in, `inflight` outstanding). */
async function rawRate(url: string, total: number, inflight: number): Promise<number> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, "open");
  ws.send(JSON.stringify({ type: "auth", token: TOKEN }));
  const [auth] = (await once(ws, "message")) as [Buffer];
  if (!(JSON.parse(auth.toString()) as { success: boolean }).success)
    throw new Error("raw client: auth failed");
  const run = (count: number) =>
    new Promise<void>((resolve) => {
      let sent = 0;
      let received = 0;
      const send = () => {
        sent++;
        ws.send(JSON.stringify({ type: "sms_received", ...SMS }));
      };
      const onMessage = (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { type: string }).type !== "message_acknowledged") return;
        if (++received === count) {
          ws.off("message", onMessage);
          resolve();
        } else if (sent < count) send();
      };
      ws.on("message", onMessage);
      for (let i = 0; i < Math.min(inflight, count); i++) send();
    });
  try {
    return await timedRate(run, total);
  } finally {
    ws.terminate();
  }
}

function throughput(inflight: number, total: number, goal?: Benchmark["goal"]): Benchmark {
  return {
    name: `client.throughput.inflight${inflight}`,
    unit: "req/s",
    ...(goal ? { goal } : {}),
    baselineLabel: "raw ws client",
    run: () =>
      withServer(async (url) => {
        // Alternate the two so that drift on a shared machine hits both alike; keep the best of each.
        let value = 0;
        let baseline = 0;
        for (let round = 0; round < 2; round++) {
          baseline = Math.max(baseline, await rawRate(url, total, inflight));
          value = Math.max(value, await clientRate(url, total, inflight));
        }
        return { value, baseline };
      }),
  };
}

export const benchmarks: Benchmark[] = [
  throughput(1, 10_000),
  throughput(32, 40_000, { at: "least", ratio: 0.7 }),
];
