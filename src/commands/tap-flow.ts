import * as z from "zod";
import { validate, XswarmError } from "../protocol/errors.js";
import { startTap } from "../supervisor/tap.js";
import type { LogRecord } from "../supervisor/types.js";
import { colorsFor, EXIT, OPTIONS_HINT, reportError } from "./shared.js";

const TapOptions = z.object({
  listen: z.coerce
    .number({ error: "--listen must be a port number" })
    .int("--listen must be a whole number")
    .min(0, "--listen must be 0-65535")
    .max(65535, "--listen must be 0-65535"),
  upstream: z.string().min(1, "--upstream must not be empty"),
  host: z.string().min(1, "--host must not be empty"),
  record: z.string().min(1, "--record must not be empty").optional(),
  allowRemote: z.boolean().optional(),
  authTimeoutMs: z.coerce
    .number({ error: "--auth-timeout-ms must be a number of milliseconds" })
    .int("--auth-timeout-ms must be a whole number")
    .min(0, "--auth-timeout-ms must be 0 or more")
    .default(10_000),
  verbose: z.boolean().optional(),
});

/** Runs `xswarm-dev tap` until SIGINT or SIGTERM; returns the exit code. */
export async function runTap(raw: Record<string, unknown>): Promise<number> {
  const options = validate(TapOptions, raw, "tap options", OPTIONS_HINT);
  try {
    return await tap(options);
  } catch (error) {
    // A bind the flags should not have asked for is a usage error, as for `xswarm-dev supervisor`.
    if (!(error instanceof XswarmError) || error.code !== "remote_not_allowed") throw error;
    reportError(error, options);
    return EXIT.usage;
  }
}

async function tap(options: z.infer<typeof TapOptions>): Promise<number> {
  const c = colorsFor(process.stderr);
  const onLog = (record: LogRecord) => {
    if (record.level === "info" && !options.verbose) return;
    const { time: _time, level, msg, ...fields } = record;
    const id = typeof fields.connection_id === "string" ? ` ${c.dim(`[${fields.connection_id}]`)}` : "";
    const mark = level === "info" ? c.dim("·") : level === "warn" ? c.yellow("!") : c.red("✖");
    process.stderr.write(`${mark} ${msg}${id}\n`);
  };
  // Listening for signals before anything is printed: a script may send one as soon as it reads the banner.
  const signal = untilSignal();
  try {
    const handle = await startTap({
      host: options.host,
      port: options.listen,
      upstream: options.upstream,
      record: options.record,
      allowRemote: options.allowRemote,
      authTimeoutMs: options.authTimeoutMs,
      onLog,
    });
    process.stdout.write(`Tap listening on ${handle.host}:${handle.port} → upstream ${handle.upstream}\n`);
    if (options.record) process.stdout.write(`Recording the traffic feed to ${options.record}\n`);
    await signal.received;
    process.stdout.write("Tap shutting down\n");
    await handle.close();
    return EXIT.ok;
  } finally {
    signal.dispose();
  }
}

function untilSignal(): { received: Promise<void>; dispose(): void } {
  let resolve = () => {};
  const received = new Promise<void>((r) => {
    resolve = r;
  });
  const onSignal = () => resolve();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    received,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
