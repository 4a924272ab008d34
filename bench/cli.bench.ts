import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { startSupervisor } from "../src/supervisor/server.js";
import { BIN, buildCli, ROOT } from "./build.js";
import { median } from "./stats.js";
import { tempDir } from "./temp.js";
import type { BenchContext, Benchmark } from "./types.js";

const TOKEN = "bench-token-0123456789";

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

/**
 * Medians of `value` and `baseline` runs, interleaved so that load on the machine hits both alike,
 * repeated for a window of `ctx.windowMs` (at least 5 of each).
 */
async function compare(value: string[], baseline: string[], cwd: string, ctx: BenchContext) {
  await wall(value, cwd);
  await wall(baseline, cwd);
  const a: number[] = [];
  const b: number[] = [];
  const start = performance.now();
  while (a.length < 5 || performance.now() - start < ctx.windowMs) {
    a.push(await wall(value, cwd));
    b.push(await wall(baseline, cwd));
  }
  return { value: median(a), baseline: median(b), extra: { samples: a.length } };
}

const MINIMAL_SEND = `import WebSocket from "ws";
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
`;

// The doctor's steps done the least way: DNS, TCP, handshake, ping, auth, a wrong token refused, an
// SMS and an email round trip.
const MINIMAL_DOCTOR = `import { lookup } from "node:dns/promises";
import { connect } from "node:net";
import WebSocket from "ws";
const [url, token] = process.argv.slice(2);
const { hostname, port } = new URL(url);
await lookup(hostname);
await new Promise((resolve, reject) => {
  const s = connect(Number(port), hostname, () => { s.end(); resolve(); });
  s.on("error", reject);
});
const open = () => new Promise((resolve, reject) => {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.once("open", () => resolve(ws));
  ws.once("error", reject);
});
const next = (ws) => new Promise((resolve) => ws.once("message", (d) => resolve(JSON.parse(String(d)))));
const ws = await open();
await new Promise((resolve) => { ws.once("pong", resolve); ws.ping(); });
ws.send(JSON.stringify({ type: "auth", token }));
if (!(await next(ws)).success) process.exit(4);
const bad = await open();
bad.send(JSON.stringify({ type: "auth", token: token + "x" }));
if ((await next(bad)).success) process.exit(5);
bad.terminate();
ws.send(JSON.stringify({ type: "sms_received", from: "+15551234567", to: "+15557654321", message: "doctor", user: "xswarm-dev-doctor" }));
await next(ws);
ws.send(JSON.stringify({ type: "email_received", from: "doctor@example.com", to: "boss@example.com", subject: "doctor", body: "doctor", user: "xswarm-dev-doctor" }));
await next(ws);
ws.close();
`;

/** The baseline script, bundled with esbuild the way scripts/bundle.mjs bundles the CLI (ws inside). */
async function bundled(dir: string, name: string, source: string): Promise<string> {
  const entry = join(dir, `${name}.src.mjs`);
  const out = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    nodePaths: [join(ROOT, "node_modules")],
    external: ["bufferutil", "utf-8-validate"],
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return out;
}

async function againstSupervisor(
  ctx: BenchContext,
  args: (url: string) => string[],
  minimal: string,
  name: string,
) {
  buildCli();
  const dir = tempDir("xswarm-bench-");
  const supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, responder: "ack" });
  try {
    const script = await bundled(dir, name, minimal);
    return await compare([BIN, ...args(supervisor.url)], [script, supervisor.url, TOKEN], dir, ctx);
  } finally {
    await supervisor.close();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: "cli.send_sms.wall",
    unit: "ms",
    goal: { at: "most", ratio: 1.25 },
    baselineLabel: "minimal ws script, bundled like the CLI",
    run: (ctx) =>
      againstSupervisor(
        ctx,
        (url) => [
          "send-sms",
          "bench",
          ...["--from", "+15551234567", "--to", "+15557654321", "--user", "bench"],
          ...["--url", url, "--token", TOKEN],
        ],
        MINIMAL_SEND,
        "minimal-send",
      ),
  },
  {
    name: "cli.doctor.wall",
    unit: "ms",
    goal: { at: "most", ratio: 1.3 },
    baselineLabel: "minimal script of the same steps, bundled",
    run: (ctx) =>
      againstSupervisor(
        ctx,
        (url) => ["doctor", "--url", url, "--token", TOKEN],
        MINIMAL_DOCTOR,
        "minimal-doctor",
      ),
  },
  {
    name: "cli.help.wall",
    unit: "ms",
    goal: { at: "most", ratio: 1.5 },
    baselineLabel: "node -e ''",
    async run(ctx) {
      buildCli();
      const dir = tempDir("xswarm-bench-");
      return compare([BIN, "--help"], ["-e", ""], dir, ctx);
    },
  },
];
