import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startSupervisor } from "../src/supervisor/server.js";
import { BIN, buildCli, ROOT } from "./build.js";
import type { Benchmark } from "./types.js";

const TOKEN = "bench-token-0123456789";
const RUNS = 15;
const WARMUP = 2;

/** Wall time of one process, spawn to exit, in ms. Throws when it fails, so a broken CLI is not timed. */
function wall(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolve(ms);
      else reject(new Error(`\`node ${args.join(" ")}\` exited ${code}: ${stderr.trim()}`));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Medians of `value` and `baseline` runs, interleaved so that load on the machine hits both alike. */
async function compare(value: string[], baseline: string[], cwd: string) {
  for (let i = 0; i < WARMUP; i++) {
    await wall(value, cwd);
    await wall(baseline, cwd);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await wall(value, cwd));
    b.push(await wall(baseline, cwd));
  }
  return { value: median(a), baseline: median(b) };
}

/** The baseline: the least a Node script needs to do the same: connect, auth, send, wait for the reply. */
function minimalScript(dir: string): string {
  const ws = pathToFileURL(join(ROOT, "node_modules/ws/wrapper.mjs")).href;
  const file = join(dir, "minimal-send.mjs");
  writeFileSync(
    file,
    `import WebSocket from ${JSON.stringify(ws)};
const [url, token] = process.argv.slice(2);
const socket = new WebSocket(url, { perMessageDeflate: false });
socket.on("open", () => socket.send(JSON.stringify({ type: "auth", token })));
socket.on("message", (data) => {
  const event = JSON.parse(String(data));
  if (event.type === "auth_result") {
    if (!event.success) process.exit(4);
    socket.send(JSON.stringify({ type: "sms_received", from: "+15551234567", to: "+15557654321", message: "bench", user: "bench" }));
  } else {
    socket.close();
  }
});
socket.on("error", () => process.exit(3));
`,
  );
  return file;
}

export const benchmarks: Benchmark[] = [
  {
    name: "cli.send_sms.wall",
    unit: "ms",
    goal: { at: "most", ratio: 1.5 },
    baselineLabel: "minimal ws script",
    async run() {
      buildCli();
      const dir = mkdtempSync(join(tmpdir(), "xswarm-bench-"));
      const supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, responder: "ack" });
      try {
        const cli = [BIN, "send-sms", "bench", "--from", "+15551234567", "--to", "+15557654321"];
        cli.push("--user", "bench", "--url", supervisor.url, "--token", TOKEN);
        return await compare(cli, [minimalScript(dir), supervisor.url, TOKEN], dir);
      } finally {
        await supervisor.close();
      }
    },
  },
  {
    name: "cli.help.wall",
    unit: "ms",
    baselineLabel: "node -e ''",
    async run() {
      buildCli();
      const dir = mkdtempSync(join(tmpdir(), "xswarm-bench-"));
      return compare([BIN, "--help"], ["-e", ""], dir);
    },
  },
];
