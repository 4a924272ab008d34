import { AuthenticationError } from "../../client/errors.js";
import type { WatchSource } from "../../watch/types.js";
import { printEvents } from "./print-events.js";

export interface PrintUntilStoppedOptions {
  /** One JSON object per line instead of a plain line. */
  json: boolean;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  /** Ends the printing when aborted: the command's stop signal. */
  stop?: AbortSignal;
}

/**
 * Not a terminal: prints the source's entries until a signal, the end of a replay, a reader that
 * went away (exit 0) or a refused token (rejects with AuthenticationError).
 */
export function printUntilStopped(source: WatchSource, options: PrintUntilStoppedOptions): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const out = options.out ?? process.stdout;
    const err = options.err ?? process.stderr;
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
