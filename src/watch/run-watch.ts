import { recordSource } from "./recorder.js";
import type { WatchSource } from "./types.js";

export interface RunWatchOptions {
  /** `--record <file>`. */
  record?: string;
  /** Called when `start()` fails, to add what is known about the cause (e.g. what holds a port). */
  explainStartFailure?: (error: unknown) => Promise<unknown>;
  /** Where a failed recording is told. */
  err?: NodeJS.WritableStream;
  /**
   * Presents the started source (the dashboard, or lines on a pipe) until the user or a signal ends
   * it; resolves with the exit code. The service knows nothing of how it is shown.
   */
  show: (source: WatchSource) => Promise<number>;
}

/**
 * The watch service: starts the source, records it if asked, hands it to `show`, and closes
 * everything afterwards. Resolves with `show`'s exit code; start failures reject.
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
    return await options.show(source);
  } finally {
    await source.close();
    await stopRecording?.();
  }
}
