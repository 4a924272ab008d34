import { type ChildProcess, spawn } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));
const LOAD = fileURLToPath(new URL("./load.ts", import.meta.url));

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
    const child = spawn(process.execPath, ["--import", "tsx", SERVE, kind, token, arg], {
      stdio: ["pipe", "pipe", "inherit"],
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
    ["--import", "tsx", LOAD, server.url, `${connections}`, `${inflight}`, `${warmup}`, `${windowMs}`, token],
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
