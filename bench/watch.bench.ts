import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import WebSocket from "ws";
import { SPARK_WINDOW_MS } from "../src/ui/state/stats.js";
import { BIN, buildCli } from "./build.js";
import { median, procCpuUs, sleep } from "./stats.js";
import { tempDir } from "./temp.js";
import { BenchPane } from "./tmux.js";
import type { BenchContext, Benchmark } from "./types.js";

const CONNECTIONS = 2;
const KEY_PRESSES = 6;

interface WatchResult {
  idleCpuCores: number;
  baselineCpuCores: number;
  startupCpuCores: number;
  idleRssMb: number;
  idleKeyMs: number;
  flood5kKeyMs: number;
  flood5kRssMb: number;
  flood20kRssMb: number;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Time from a key press to the screen showing its effect: `?` opens the help, Esc closes it. */
async function keyLatency(pane: BenchPane): Promise<number> {
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

/**
 * Authenticated raw connections that send `sms_received` at a steady pace for `ms`: `eventsPerSecond`
 * feed events a second (each SMS makes two, the request and its reply).
 */
async function flood(url: string, eventsPerSecond: number, ms: number): Promise<number> {
  const sockets = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      await once(ws, "open");
      ws.send(JSON.stringify({ type: "auth", token: "dev-token-12345" }));
      await once(ws, "message");
      return ws;
    }),
  );
  const perTick = eventsPerSecond / 2 / 100 / CONNECTIONS;
  const started = performance.now();
  let sent = 0;
  for (let tick = 1; performance.now() - started < ms; tick++) {
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

/** Peak RSS of `pid` while `during` runs, sampled every 100 ms. */
async function peakRss(pid: number, during: Promise<unknown>): Promise<number> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  await during;
  clearInterval(sampler);
  return Math.max(peak, rssMb(pid));
}

/**
 * From ready to the idle window: a minute with no traffic, and what V8 does once after a start.
 * For a minute after the last reply (here the auth_result of the dashboard's own link) the sparkline
 * moves a cell every 3 s, a frame each time; after it, the screen changes only with the uptime's
 * minute. And V8's memory reducer runs two or three full collections of the start-up heap (35 to
 * 19 MB) once, 8 to 17 s after the start (~50 ms of CPU). A window from 2 s after ready held both:
 * 0.007-0.010 cores on a fast machine, when a dashboard left alone reads 0.001-0.004.
 */
const SETTLED_MS = SPARK_WINDOW_MS + 2000;

/** CPU of `pid` in cores over the time `during` takes. */
async function cpuCores(pid: number, during: () => Promise<unknown>): Promise<number> {
  const start = procCpuUs(pid);
  const t0 = performance.now();
  await during();
  return (procCpuUs(pid) - start) / 1e6 / ((performance.now() - t0) / 1000);
}

/**
 * The dashboard's CPU over `ms` once it has settled (SETTLED_MS after ready), beside that of a bare
 * Node process idling on a 1 s timer over the same window; and its CPU from 2 s after ready until then
 * (`startup`: the one-time work, shown beside the figure).
 */
async function idleCpu(pid: number, ms: number, settledMs: number) {
  const startup = await cpuCores(pid, () => sleep(settledMs));
  const bare = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await sleep(500);
  let baseline = 0;
  const value = await cpuCores(pid, async () => {
    baseline = await cpuCores(bare.pid as number, () => sleep(ms));
  });
  bare.kill();
  await once(bare, "exit");
  return { value, baseline, startup };
}

/** One dashboard in a pseudo-terminal: idle, then under 5k and 20k events a second. */
async function measure(ctx: BenchContext): Promise<WatchResult> {
  buildCli();
  const floodMs = ctx.quick ? 3000 : 10_000;
  const cwd = tempDir("xswarm-bench-watch-");
  const env = `env -i PATH=${quote(process.env.PATH ?? "")} HOME=${quote(cwd)} TERM=xterm-256color LANG=C.UTF-8`;
  const command = `cd ${quote(cwd)} && exec ${env} ${quote(process.execPath)} ${quote(BIN)} watch --embedded --port 0`;
  const pane = new BenchPane(`sh -c ${quote(command)}`);
  pane.start();
  try {
    const screen = await pane.waitForText(/ws:\/\/127\.0\.0\.1:\d+ ● ready/, 20_000);
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] ?? "";
    const pid = Number(pane.variable("pane_pid"));
    await sleep(2000);
    const cpu = await idleCpu(pid, ctx.quick ? 3000 : 10_000, ctx.quick ? 3000 : SETTLED_MS - 2500);
    const idleKeyMs = await keyLatency(pane);
    const idleRssMb = rssMb(pid);
    const flood5k = flood(url, 5000, floodMs);
    const rss5k = peakRss(pid, flood5k);
    await sleep(Math.min(2000, floodMs / 3));
    const flood5kKeyMs = await keyLatency(pane);
    const flood5kRssMb = await rss5k;
    await sleep(2000);
    const flood20kRssMb = await peakRss(pid, flood(url, 20_000, floodMs));
    return {
      idleCpuCores: cpu.value,
      baselineCpuCores: cpu.baseline,
      startupCpuCores: cpu.startup,
      idleRssMb,
      idleKeyMs,
      flood5kKeyMs,
      flood5kRssMb,
      flood20kRssMb,
    };
  } finally {
    pane.keys("q");
    pane.kill();
  }
}

// Every watch figure comes from the one dashboard session of its round.
const sessions = new Map<number, Promise<WatchResult>>();
const session = (ctx: BenchContext) => {
  let s = sessions.get(ctx.round);
  if (!s) {
    s = measure(ctx);
    sessions.set(ctx.round, s);
  }
  return s;
};

export const benchmarks: Benchmark[] = [
  {
    name: "watch.idle.cpu",
    unit: "cores",
    goal: { at: "most", value: 0.005 },
    baselineLabel: "a bare Node process on a 1 s timer",
    run: async (ctx) => {
      const r = await session(ctx);
      return {
        value: r.idleCpuCores,
        baseline: r.baselineCpuCores,
        extra: { startup_window_cores: r.startupCpuCores },
      };
    },
  },
  {
    name: "watch.flood5k.key_latency",
    aliases: ["watch.flood.key_latency"],
    unit: "ms",
    goal: { at: "most", ratio: 1.3 },
    baselineLabel: "idle key latency",
    run: async (ctx) => {
      const r = await session(ctx);
      return { value: r.flood5kKeyMs, baseline: r.idleKeyMs };
    },
  },
  {
    name: "watch.flood.rss",
    unit: "MB",
    goal: { at: "most", ratio: 1.3 },
    baselineLabel: "idle dashboard RSS (5k events/s)",
    run: async (ctx) => {
      const r = await session(ctx);
      return { value: r.flood5kRssMb, baseline: r.idleRssMb };
    },
  },
  {
    name: "watch.flood20k.rss",
    unit: "MB",
    goal: { at: "most", ratio: 1.3 },
    baselineLabel: "idle dashboard RSS",
    run: async (ctx) => {
      const r = await session(ctx);
      return { value: r.flood20kRssMb, baseline: r.idleRssMb };
    },
  },
];
