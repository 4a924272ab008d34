import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const SERVER = fileURLToPath(new URL("./stress-server.ts", import.meta.url));
const MB = 1024 * 1024;

/** A supervisor or tap in its own process (test/helpers/stress-server.ts), with its RSS on demand. */
export interface ChildServer {
  url: string;
  rss(): Promise<number>;
  alive(): boolean;
  stop(): Promise<number | null>;
}

export async function startChild(
  kind: "supervisor" | "tap",
  options: Record<string, unknown>,
): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, JSON.stringify({ kind, options })], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
  const { url } = (await next()) as { url: string };
  let exit: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      exit = code;
      resolve(code);
    }),
  );
  let asking = Promise.resolve(0);
  return {
    url,
    rss: () => {
      asking = asking.then(async () => {
        child.stdin?.write("rss\n");
        return Number((await next()).rss);
      });
      return asking;
    },
    alive: () => exit === undefined,
    stop: async () => {
      if (exit !== undefined) return exit;
      child.stdin?.write("close\n");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** RSS samples of a child taken every `everyMs` while `work` runs. */
export async function sampleWhile(
  server: ChildServer,
  everyMs: number,
  work: Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  void work.finally(() => {
    done = true;
  });
  while (!done) {
    samples.push(await server.rss());
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, everyMs))]);
  }
  samples.push(await server.rss());
  return samples;
}

/** `200 → 212 MB (peak 215)`: what the figures line of each stress test prints. */
export function describeRss(samples: number[]): string {
  const mb = (n: number) => Math.round(n / MB);
  return `${mb(samples[0] ?? 0)} → ${mb(samples.at(-1) ?? 0)} MB (peak ${mb(Math.max(...samples))}, ${samples.length} samples)`;
}

/** Resolves after `ms` (a flood's duration: the load, not a wait for a condition). */
export function runFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens a ws client; rejects on a refused upgrade. */
export function openWs(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** Sends `frame()` whenever the socket has less than `highBytes` queued, until `stop()`. */
export function keepSending(
  ws: WebSocket,
  frame: () => string,
  highBytes = MB,
): { sent: () => number; stop(): void } {
  let running = true;
  let sent = 0;
  const pump = () => {
    if (!running || ws.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < 100 && ws.bufferedAmount < highBytes; i++) {
      ws.send(frame());
      sent += 1;
    }
    setImmediate(pump);
  };
  pump();
  return {
    sent: () => sent,
    stop: () => {
      running = false;
    },
  };
}

/** Round trips of `{"type":"ping"}` on an authenticated connection, one after another, in ms. */
export async function pingTimes(url: string, token: string, count: number): Promise<number[]> {
  const ws = await openWs(url);
  const nextFrame = () =>
    new Promise<string>((resolve) => ws.once("message", (data) => resolve(String(data))));
  ws.send(JSON.stringify({ type: "auth", token }));
  if (!(await nextFrame()).includes('"success":true')) throw new Error("auth failed");
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    ws.send('{"type":"ping"}');
    await nextFrame();
    times.push(performance.now() - started);
  }
  ws.close();
  return times;
}

/** Connect + auth + one SMS, timed, for a legitimate client arriving during a flood. */
export async function legitimateVisit(url: string, token: string): Promise<number> {
  const started = performance.now();
  const ws = await openWs(url);
  const nextFrame = () =>
    new Promise<string>((resolve) => ws.once("message", (data) => resolve(String(data))));
  ws.send(JSON.stringify({ type: "auth", token }));
  const auth = await nextFrame();
  if (!auth.includes('"success":true')) throw new Error(`auth failed: ${auth}`);
  ws.send(JSON.stringify({ type: "sms_received", from: "+1555", to: "+1666", message: "hi", user: "legit" }));
  const reply = await nextFrame();
  if (!reply.includes('"user":"legit"')) throw new Error(`unexpected reply: ${reply}`);
  ws.close();
  return performance.now() - started;
}

/** `count` loops each holding an unauthenticated connection open and reconnecting when it closes. */
export function idleLoops(url: string, count: number): { stop(): void; closedBy: Map<number, number> } {
  let running = true;
  const closedBy = new Map<number, number>();
  const sockets = new Set<WebSocket>();
  const connect = () => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    sockets.add(ws);
    ws.on("error", () => {});
    ws.on("close", (code) => {
      sockets.delete(ws);
      closedBy.set(code, (closedBy.get(code) ?? 0) + 1);
      if (running) setImmediate(connect);
    });
  };
  for (let i = 0; i < count; i++) connect();
  return {
    closedBy,
    stop: () => {
      running = false;
      for (const ws of sockets) ws.terminate();
    },
  };
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
