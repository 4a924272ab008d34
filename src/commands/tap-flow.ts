import { startTap } from "../supervisor/tap.js";
import { logPrinter } from "./log-printer.js";
import type { OptionValues } from "./options/define.js";
import { EXIT } from "./shared.js";
import { listenForStop } from "./signals.js";
import type { TAP_OPTIONS } from "./tap.js";

/** Runs `xswarm-dev tap` until a stop signal; resolves with the exit code. */
export async function runTap(options: OptionValues<typeof TAP_OPTIONS>): Promise<number> {
  // Listening for signals before anything is printed: a script may send one as soon as it reads the banner.
  const stop = listenForStop();
  try {
    const handle = await startTap({
      host: options.host,
      port: options.port,
      upstream: options.url,
      record: options.record,
      allowRemote: options.allowRemote,
      authTimeoutMs: options.authTimeoutMs,
      onLog: logPrinter(options.verbose),
    });
    process.stdout.write(`Tap listening on ${handle.host}:${handle.port} → upstream ${handle.upstream}\n`);
    if (options.record) process.stdout.write(`Recording the traffic feed to ${options.record}\n`);
    await stop.received;
    process.stdout.write("Tap shutting down\n");
    await handle.close();
    return EXIT.ok;
  } finally {
    stop.dispose();
  }
}
