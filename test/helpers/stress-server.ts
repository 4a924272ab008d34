import { createInterface } from "node:readline";
import { startSupervisor } from "../../src/supervisor/server.js";
import { startTap } from "../../src/supervisor/tap.js";

/**
 * A supervisor or a tap in a process of its own, for the stress tests to measure its memory alone.
 * argv[2] is `{"kind":"supervisor"|"tap","options":{...}}`. Prints `{"url":...}` once listening; then
 * answers stdin lines: `rss` prints `{"rss":<bytes>,"heap":<bytes>}`, `close` stops it and exits 0.
 */
const spec = JSON.parse(process.argv[2] ?? "{}") as { kind: "supervisor" | "tap"; options: never };
const handle = spec.kind === "tap" ? await startTap(spec.options) : await startSupervisor(spec.options);
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "rss") {
    const { rss, heapUsed } = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ rss, heap: heapUsed })}\n`);
  } else if (line === "close") {
    await handle.close();
    process.exit(0);
  }
}
