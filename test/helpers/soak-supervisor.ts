import { createInterface } from "node:readline";
import { startSupervisor } from "../../src/supervisor/server.js";

/**
 * The soak test's server, in a process of its own started with --expose-gc so that its heap can be
 * measured alone. Prints `{"url":...}` once listening; then answers stdin lines: `heap` prints
 * `{"heap":<bytes used after full GCs>}`, `close` stops the supervisor and exits.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const supervisor = await startSupervisor({ port: 0, token: process.argv[2], logFile: null });
process.stdout.write(`${JSON.stringify({ url: supervisor.url })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "heap") {
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.stdout.write(`${JSON.stringify({ heap: process.memoryUsage().heapUsed })}\n`);
  } else if (line === "close") {
    await supervisor.close();
    process.exit(0);
  }
}
