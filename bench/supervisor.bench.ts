import { bundle } from "./build.js";
import { drive, type LoadResult, ServerProcess } from "./supervisor/child.js";
import type { BenchContext, Benchmark, Measured } from "./types.js";

const TOKEN = "bench-token-0123456789";

/** One window of load against a fresh server of `kind`; the server process is stopped after. */
async function measure(kind: string, connections: number, inflight: number, ctx: BenchContext, arg = "") {
  bundle();
  const server = await ServerProcess.start(kind, TOKEN, arg);
  try {
    return await drive(server, TOKEN, connections, inflight, ctx.windowMs);
  } finally {
    await server.stop();
  }
}

const rate = (r: LoadResult) => r.replies / r.seconds;
const cpuPerRequest = (r: LoadResult) => (r.replies === 0 ? 0 : r.cpuUs / r.replies);

/**
 * Baseline and supervisor in the same run, the order alternating by run so that neither always goes
 * first on a busy machine.
 */
async function pair(connections: number, inflight: number, ctx: BenchContext) {
  if (ctx.round % 2 === 1) {
    const value = await measure("supervisor", connections, inflight, ctx);
    return { value, baseline: await measure("raw", connections, inflight, ctx) };
  }
  const baseline = await measure("raw", connections, inflight, ctx);
  return { baseline, value: await measure("supervisor", connections, inflight, ctx) };
}

function throughputFigure(p: { baseline: LoadResult; value: LoadResult }): Measured {
  return {
    value: rate(p.value),
    baseline: rate(p.baseline),
    extra: {
      cpu_us_per_req: cpuPerRequest(p.value),
      baseline_cpu_us_per_req: cpuPerRequest(p.baseline),
      cpu_ratio: cpuPerRequest(p.value) / cpuPerRequest(p.baseline),
    },
  };
}

const BASELINE = "raw ws server: parses, same reply, cork per pass";

/** Outstanding SMS per connection at each connection count (enough to keep the server busy). */
const INFLIGHT: Record<number, number> = { 1: 32, 100: 2, 1000: 1, 5000: 1 };

// conns5000 and rss_per_conn.5000 share their windows: one setup per round.
const at5000 = new Map<number, Promise<{ baseline: LoadResult; value: LoadResult }>>();
const pair5000 = (ctx: BenchContext) => {
  let p = at5000.get(ctx.round);
  if (!p) {
    p = pair(5000, 1, ctx);
    at5000.set(ctx.round, p);
  }
  return p;
};

function connsFigure(connections: number): Benchmark {
  return {
    name: `supervisor.throughput.conns${connections}`,
    unit: "req/s",
    goal: { at: "least", ratio: 0.9 },
    baselineLabel: BASELINE,
    run: async (ctx) =>
      throughputFigure(
        connections === 5000 ? await pair5000(ctx) : await pair(connections, INFLIGHT[connections] ?? 1, ctx),
      ),
  };
}

function legacyFigure(connections: number, inflight: number): Benchmark {
  return {
    name: `supervisor.throughput.${connections}x${inflight}`,
    unit: "req/s",
    goal: { at: "least", ratio: 0.9 },
    baselineLabel: BASELINE,
    run: async (ctx) => throughputFigure(await pair(connections, inflight, ctx)),
  };
}

const perConnKb = (r: LoadResult, connections: number) =>
  ((r.rssLoadedMb - r.rssBeforeMb) * 1024) / connections;

/** A raw upstream for the tap figures, shared by the tap and its baseline in one round. */
async function tapPair(ctx: BenchContext): Promise<Measured> {
  const upstream = await ServerProcess.start("raw", TOKEN);
  try {
    // The order alternates by run, as in `pair`: neither side always goes first on a busy machine.
    const first = ctx.round % 2 === 1 ? "tap" : "proxy";
    const a = await measure(first, 10, 16, ctx, upstream.url);
    const b = await measure(first === "tap" ? "proxy" : "tap", 10, 16, ctx, upstream.url);
    const [value, baseline] = first === "tap" ? [a, b] : [b, a];
    return {
      value: rate(value),
      baseline: rate(baseline),
      extra: {
        cpu_us_per_req: cpuPerRequest(value),
        baseline_cpu_us_per_req: cpuPerRequest(baseline),
        cpu_ratio: cpuPerRequest(value) / cpuPerRequest(baseline),
      },
    };
  } finally {
    await upstream.stop();
  }
}

export const benchmarks: Benchmark[] = [
  ...[1, 100, 1000, 5000].map(connsFigure),
  legacyFigure(10, 16),
  legacyFigure(1, 32),
  {
    name: "supervisor.rss_per_conn.5000",
    unit: "KB",
    goal: { at: "most", ratio: 1.2 },
    baselineLabel: "the raw server's RSS per connection",
    run: async (ctx) => {
      const p = await pair5000(ctx);
      return {
        value: perConnKb(p.value, 5000),
        baseline: perConnKb(p.baseline, 5000),
        extra: { rss_mb: p.value.rssLoadedMb, baseline_rss_mb: p.baseline.rssLoadedMb },
      };
    },
  },
  {
    name: "tap.throughput.10x16",
    unit: "req/s",
    goal: { at: "least", ratio: 0.95 },
    baselineLabel: "bare ws proxy (cork per pass), same upstream",
    run: tapPair,
  },
];
