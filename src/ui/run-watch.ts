import { AuthenticationError } from "../client/errors.js";
import { printEvents } from "./plain/print-events.js";
import { recordSource } from "./sources/recorder.js";
import type { WatchSource } from "./sources/types.js";
import type { ComposerMemory } from "./state/composer.js";

export interface RunWatchOptions {
  /** Draw the Ink dashboard (stdout and stdin are terminals and --json was not given). */
  interactive: boolean;
  /** Not interactive: one JSON object per line instead of a plain line. */
  json: boolean;
  /** `--record <file>`. */
  record?: string;
  memory?: ComposerMemory;
  /** Called when `start()` fails, to add what is known about the cause (e.g. what holds a port). */
  explainStartFailure?: (error: unknown) => Promise<unknown>;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  /** Ends the run (dashboard or lines) when aborted: the command's stop signal. */
  stop?: AbortSignal;
}

/**
 * The watch service: starts the source, records it if asked, then shows it (dashboard, or lines
 * until a signal), and closes everything. Resolves with the exit code; start failures reject.
 */
export async function runWatch(source: WatchSource, options: RunWatchOptions): Promise<number> {
  const err = options.err ?? process.stderr;
  const stopRecording = options.record
    ? recordSource(source, options.record, (error) => err.write(`Recording stopped: ${error.message}\n`))
    : undefined;
  source.holdBacklog();
  try {
    try {
      await source.start();
    } catch (error) {
      throw options.explainStartFailure ? await options.explainStartFailure(error) : error;
    }
    if (options.interactive) {
      // React's development build keeps a stack trace per element: far too heavy under a flood of events.
      process.env.NODE_ENV ??= "production";
      const { renderWatch } = await import("./render.js");
      await renderWatch(source, { memory: options.memory, stop: options.stop });
      return 0;
    }
    return await printUntilStopped(source, options, err);
  } finally {
    await source.close();
    await stopRecording?.();
  }
}

function printUntilStopped(
  source: WatchSource,
  options: RunWatchOptions,
  err: NodeJS.WritableStream,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const out = options.out ?? process.stdout;
    const stopPrinting = printEvents(source, { json: options.json, out, err });
    // A reader that went away (`| head`) ends the run like a signal does.
    const onOutError = (error: NodeJS.ErrnoException) =>
      finish(() => (error.code === "EPIPE" ? resolve(0) : reject(error)));
    out.on("error", onOutError);
    let finished = false;
    const finish = (settle: () => void) => {
      if (finished) return;
      finished = true;
      // The error listener stays: writes still buffered may fail with EPIPE after this.
      options.stop?.removeEventListener("abort", onSignal);
      stopStatus();
      stopConnection();
      stopPrinting();
      settle();
    };
    const onSignal = () => finish(() => resolve(0));
    options.stop?.addEventListener("abort", onSignal);
    const stopStatus = source.onStatus((status) => {
      if (status.done) finish(() => resolve(0));
    });
    const stopConnection = source.onConnection((state) => {
      if (state.status === "auth_failed")
        finish(() => reject(new AuthenticationError(state.message.replace(/^Authentication failed: /, ""))));
    });
    if (source.status().done || options.stop?.aborted) finish(() => resolve(0));
  });
}
