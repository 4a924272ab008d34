import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { ROOT } from "../build.js";
import { sleep } from "../stats.js";
import { tempDir } from "../temp.js";
import { SETTLE_MS, SLICES, sliceOrder } from "../turns.js";
import type { BenchContext } from "../types.js";

let scripts: { serve: string; load: string } | undefined;

/**
 * serve.ts and load.ts compiled to plain JavaScript (esbuild, ws inside) once per bench run, so that
 * the baselines, like the supervisor from dist/, and the load generator run without tsx's loader and
 * helpers: a baseline run through tsx would be weaker than the bundle it is compared with.
 */
function compiled(): { serve: string; load: string } {
  if (scripts) return scripts;
  const dir = tempDir("xswarm-bench-js-");
  const out = { serve: join(dir, "serve.mjs"), load: join(dir, "load.mjs") };
  for (const [name, file] of Object.entries(out))
    buildSync({
      entryPoints: [fileURLToPath(new URL(`./${name}.ts`, import.meta.url))],
      outfile: file,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      external: ["bufferutil", "utf-8-validate"],
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
      logLevel: "warning",
    });
  scripts = out;
  return out;
}

const env = () => ({
  ...process.env,
  XSWARM_BENCH_DIST: process.env.XSWARM_BENCH_DIST ?? join(ROOT, "dist"),
});

/** A child process speaking in lines on stdout: `next()` resolves with the next one. */
class Lines {
  private readonly queue: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly lines: Interface;
  constructor(readonly child: ChildProcess) {
    this.lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    this.lines.on("line", (line) => {
      const wake = this.waiting.shift();
      if (wake) wake(line);
      else this.queue.push(line);
    });
    child.on("exit", (code) => {
      for (const wake of this.waiting.splice(0)) wake(`{"exited":${code}}`);
    });
  }
  next(): Promise<string> {
    const line = this.queue.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin?.end();
    const kill = setTimeout(() => this.child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(kill);
  }
}

export interface ServerStats {
  cpuUs: number;
  rssMb: number;
}

/** A server of bench/supervisor/serve.ts in its own process. */
export class ServerProcess extends Lines {
  url = "";
  static async start(kind: string, token: string, arg = ""): Promise<ServerProcess> {
    const child = spawn(process.execPath, [compiled().serve, kind, token, arg], {
      stdio: ["pipe", "pipe", "inherit"],
      env: env(),
    });
    const server = new ServerProcess(child);
    server.url = await server.next();
    if (!server.url.startsWith("ws://")) throw new Error(`${kind} server did not start: ${server.url}`);
    return server;
  }
  async stats(): Promise<ServerStats> {
    this.child.stdin?.write("\n");
    return JSON.parse(await this.next()) as ServerStats;
  }
}

export interface LoadResult {
  replies: number;
  seconds: number;
  errors: number;
  /** The server's CPU time over its counted slices, in µs. */
  cpuUs: number;
  /**
   * The server's RSS, in MB: before the load connected, once every socket is connected and
   * authenticated (before any request), and after the last slice (sockets still open).
   */
  rssBeforeMb: number;
  rssConnectedMb: number;
  rssLoadedMb: number;
}

/**
 * Drives each of `servers` with one load generator (its own process): `connections` authenticated
 * sockets to each, every socket of the side whose turn it is keeping `inflight` SMS outstanding. After a
 * warm-up of each, the servers take turns (turns.ts), each counted over `windowMs` in all, and each
 * server's CPU read from its own process around each of its slices.
 */
export async function driveInTurns(
  servers: ServerProcess[],
  token: string,
  connections: number,
  inflight: number,
  ctx: BenchContext,
): Promise<LoadResult[]> {
  const before = await Promise.all(servers.map((server) => server.stats()));
  const child = spawn(
    process.execPath,
    [compiled().load, `${connections}`, `${inflight}`, token, ...servers.map((server) => server.url)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const load = new Lines(child);
  const command = (line: string) => child.stdin?.write(`${line}\n`);
  const expect = async (what: string) => {
    const line = await load.next();
    if (line !== what) throw new Error(`load generator: expected ${what}, got ${line}`);
  };
  /** One turn of `side`: started, settled, then counted for `ms`; the server's CPU over the count. */
  const turn = async (side: number, settleMs: number, ms: number) => {
    const server = servers[side] as ServerProcess;
    command(`go ${side}`);
    await sleep(settleMs);
    const start = await server.stats();
    command("count");
    await expect("counting");
    await sleep(ms);
    command("halt");
    const counted = JSON.parse(await load.next()) as { replies: number; seconds: number; errors: number };
    const end = await server.stats();
    await expect("drained");
    if (counted.errors > 0) throw new Error(`${counted.errors} bad replies from ${server.url}`);
    return { ...counted, cpuUs: end.cpuUs - start.cpuUs };
  };
  try {
    await expect("ready");
    const connected = await Promise.all(servers.map((server) => server.stats()));
    for (let side = 0; side < servers.length; side++) await turn(side, Math.min(1000, ctx.windowMs / 2), 0);
    const totals = servers.map(() => ({ replies: 0, seconds: 0, errors: 0, cpuUs: 0 }));
    for (const side of sliceOrder(servers.length, ctx.round)) {
      const counted = await turn(side, SETTLE_MS, ctx.windowMs / SLICES);
      const total = totals[side] as (typeof totals)[number];
      total.replies += counted.replies;
      total.seconds += counted.seconds;
      total.cpuUs += counted.cpuUs;
    }
    const loaded = await Promise.all(servers.map((server) => server.stats()));
    return totals.map((total, i) => ({
      ...total,
      rssBeforeMb: (before[i] as ServerStats).rssMb,
      rssConnectedMb: (connected[i] as ServerStats).rssMb,
      rssLoadedMb: (loaded[i] as ServerStats).rssMb,
    }));
  } finally {
    await load.stop();
  }
}
