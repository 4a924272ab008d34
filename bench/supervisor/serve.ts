import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { tempDir } from "../temp.js";
import { startBareProxy, startRawServer } from "./baseline.js";

/**
 * One server under test, in its own process so that its CPU time and RSS are its own.
 * Usage: serve.ts <supervisor|raw|tap|proxy> <token> [upstream|port]
 * Prints its URL, then answers each stdin line with `{"cpuUs","rssMb"}` of this process.
 */
const [kind = "", token = "", arg = ""] = process.argv.slice(2);
// The bundle (dist/, built by the bench), not the sources through tsx: what users run, without tsx's
// per-function helpers in the profile. XSWARM_BENCH_DIST (set by child.ts) is that dist/, or another
// build's (an older commit's, for a before/after).
const dist = pathToFileURL(join(process.env.XSWARM_BENCH_DIST ?? "dist", "index.js"));
const { startSupervisor, startTap } = (await import(dist.href)) as typeof import("../../src/index.js");

async function start(): Promise<{ url: string }> {
  switch (kind) {
    case "supervisor": {
      const dir = tempDir("xswarm-bench-");
      // The supervisor's defaults, a log file included: the per-message log line is part of its cost.
      return startSupervisor({ port: Number(arg || 0), token, logFile: join(dir, "supervisor.log") });
    }
    case "raw":
      return startRawServer(token, Number(arg || 0));
    case "tap":
      return startTap({ port: 0, upstream: arg });
    case "proxy":
      return startBareProxy(arg);
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

const served = await start();
process.stdout.write(`${served.url}\n`);
createInterface({ input: process.stdin }).on("line", () => {
  const cpu = process.cpuUsage();
  const line = { cpuUs: cpu.user + cpu.system, rssMb: process.memoryUsage.rss() / 2 ** 20 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
});
process.stdin.on("end", () => process.exit(0));
