import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSupervisor } from "../src/supervisor/server.js";
import { startRawServer } from "./supervisor/baseline.js";
import type { Benchmark } from "./types.js";

const TOKEN = "bench-token-0123456789";
const LOAD = fileURLToPath(new URL("./supervisor/load.ts", import.meta.url));
const WARMUP_MS = 500;
const DURATION_MS = 2500;

/** Runs the load generator in a child process against `url`; returns replies per second. */
function load(url: string, connections: number, inflight: number): Promise<number> {
  const args = [
    "--import",
    "tsx",
    LOAD,
    url,
    `${connections}`,
    `${inflight}`,
    `${WARMUP_MS}`,
    `${DURATION_MS}`,
    TOKEN,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
        replies: number;
        seconds: number;
        errors: number;
      };
      if (result.errors > 0) return reject(new Error(`${result.errors} bad replies`));
      resolve(result.replies / result.seconds);
    });
  });
}

async function supervisorRate(connections: number, inflight: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "xswarm-bench-"));
  const supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: join(dir, "supervisor.log") });
  try {
    return await load(supervisor.url, connections, inflight);
  } finally {
    await supervisor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function baselineRate(connections: number, inflight: number): Promise<number> {
  const raw = await startRawServer(TOKEN);
  try {
    return await load(raw.url, connections, inflight);
  } finally {
    await raw.close();
  }
}

/** Rounds of (baseline, supervisor), alternated so that a busy machine hurts both alike; best of each kept. */
const ROUNDS = 2;

function throughput(connections: number, inflight: number): Benchmark {
  return {
    name: `supervisor.throughput.${connections}x${inflight}`,
    unit: "req/s",
    goal: { at: "least", ratio: 0.6 },
    baselineLabel: "raw ws server, same exchange",
    run: async () => {
      let baseline = 0;
      let value = 0;
      for (let round = 0; round < ROUNDS; round++) {
        baseline = Math.max(baseline, await baselineRate(connections, inflight));
        value = Math.max(value, await supervisorRate(connections, inflight));
      }
      return { value, baseline };
    },
  };
}

export const benchmarks: Benchmark[] = [throughput(10, 16), throughput(1, 32)];
