import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { TmuxPane } from "../test/helpers/tmux.js";
import { BIN, buildCli } from "./build.js";
import type { Benchmark } from "./types.js";

/** Feed events a second: each SMS makes two (the request and its reply). */
const EVENTS_PER_SECOND = 5000;
const FLOOD_SECONDS = 10;
const CONNECTIONS = 2;
const KEY_PRESSES = 6;

interface FloodResult {
  idleRssMb: number;
  peakRssMb: number;
  idleKeyMs: number;
  floodKeyMs: number;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Time from a key press to the screen showing its effect: `?` opens the help, Esc closes it. */
async function keyLatency(pane: TmuxPane): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < KEY_PRESSES; i++) {
    const opening = i % 2 === 0;
    const started = performance.now();
    pane.keys(opening ? "?" : "Escape");
    await pane.waitFor((s) => s.includes("─ Keys ─") === opening, 10_000);
    times.push(performance.now() - started);
    await sleep(150);
  }
  return median(times);
}

/** Authenticated raw connections that send `sms_received` at a steady pace and drain the replies. */
async function flood(url: string, seconds: number): Promise<number> {
  const sockets = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      await once(ws, "open");
      ws.send(JSON.stringify({ type: "auth", token: "dev-token-12345" }));
      await once(ws, "message");
      return ws;
    }),
  );
  const perTick = EVENTS_PER_SECOND / 2 / 100 / CONNECTIONS;
  const started = performance.now();
  let sent = 0;
  for (let tick = 1; performance.now() - started < seconds * 1000; tick++) {
    for (const ws of sockets) {
      for (let i = 0; i < perTick; i++) {
        sent += 1;
        ws.send(
          `{"type":"sms_received","from":"+15551234567","to":"+15557654321","message":"flood ${sent}","user":"bench"}`,
        );
      }
    }
    await sleep(Math.max(0, started + tick * 10 - performance.now()));
  }
  for (const ws of sockets) ws.close();
  return sent;
}

/** One dashboard in a pseudo-terminal: idle RSS and key latency, then the same under the flood. */
async function measure(): Promise<FloodResult> {
  buildCli();
  const cwd = mkdtempSync(join(tmpdir(), "xswarm-bench-watch-"));
  const env = `env -i PATH=${quote(process.env.PATH ?? "")} HOME=${quote(cwd)} TERM=xterm-256color LANG=C.UTF-8`;
  const command = `cd ${quote(cwd)} && exec ${env} ${quote(process.execPath)} ${quote(BIN)} watch --embedded --port 0`;
  const pane = new TmuxPane(`sh -c ${quote(command)}`);
  pane.start();
  try {
    const screen = await pane.waitForText(/ws:\/\/127\.0\.0\.1:\d+ ● ready/, 20_000);
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] ?? "";
    const pid = Number(pane.variable("pane_pid"));
    await sleep(2000);
    const idleKeyMs = await keyLatency(pane);
    const idleRssMb = rssMb(pid);
    let peakRssMb = idleRssMb;
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, rssMb(pid));
    }, 100);
    const flooding = flood(url, FLOOD_SECONDS);
    await sleep(2000);
    const floodKeyMs = await keyLatency(pane);
    await flooding;
    clearInterval(sampler);
    return { idleRssMb, peakRssMb, idleKeyMs, floodKeyMs };
  } finally {
    pane.keys("q");
    pane.kill();
  }
}

let result: Promise<FloodResult> | undefined;
const run = () => {
  result ??= measure();
  return result;
};

export const benchmarks: Benchmark[] = [
  {
    name: "watch.flood.rss",
    unit: "MB",
    goal: { at: "most", ratio: 1.5 },
    baselineLabel: "idle dashboard RSS",
    async run() {
      const r = await run();
      return { value: r.peakRssMb, baseline: r.idleRssMb };
    },
  },
  {
    name: "watch.flood.key_latency",
    unit: "ms",
    baselineLabel: "idle key latency",
    async run() {
      const r = await run();
      return { value: r.floodKeyMs, baseline: r.idleKeyMs };
    },
  },
];
