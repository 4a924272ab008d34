import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { ROOT } from "../build.js";

let scripts: { serve: string; load: string } | undefined;

/**
 * serve.ts and load.ts compiled to plain JavaScript (esbuild, ws inside) once per bench run, so that
 * the baselines, like the supervisor from dist/, and the load generator run without tsx's loader and
 * helpers: a baseline run through tsx would be weaker than the bundle it is compared with.
 */
function compiled(): { serve: string; load: string } {
  if (scripts) return scripts;
  const dir = mkdtempSync(join(tmpdir(), "xswarm-bench-js-"));
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
  /** The server's CPU time over the window, in µs. */
  cpuUs: number;
  /** The server's RSS before the load connected and at the end of the window, in MB. */
  rssBeforeMb: number;
  rssLoadedMb: number;
}

/**
 * Drives `server` with the load generator (its own process): `connections` authenticated sockets,
 * each keeping `inflight` SMS outstanding, counted over a window of `windowMs` after a warm-up.
 */
export async function drive(
  server: ServerProcess,
  token: string,
  connections: number,
  inflight: number,
  windowMs: number,
): Promise<LoadResult> {
  const before = await server.stats();
  const warmup = Math.min(1000, windowMs / 2);
  const child = spawn(
    process.execPath,
    [compiled().load, server.url, `${connections}`, `${inflight}`, `${warmup}`, `${windowMs}`, token],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const load = new Lines(child);
  try {
    const started = await load.next();
    if (started !== "start") throw new Error(`load generator failed: ${started}`);
    const start = await server.stats();
    const result = JSON.parse(await load.next()) as { replies: number; seconds: number; errors: number };
    const end = await server.stats();
    if (result.errors > 0) throw new Error(`${result.errors} bad replies from ${server.url}`);
    return {
      ...result,
      cpuUs: end.cpuUs - start.cpuUs,
      rssBeforeMb: before.rssMb,
      rssLoadedMb: end.rssMb,
    };
  } finally {
    await load.stop();
  }
}
