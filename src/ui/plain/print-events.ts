import { describeConnection } from "../format/connection.js";
import { plainLine } from "../format/line.js";
import type { WatchSource } from "../sources/types.js";

export interface PrintOptions {
  /** One JSON object (the TrafficEntry) per line instead of a plain line. */
  json: boolean;
  out: NodeJS.WritableStream;
  /** Where connection and source changes are told (never stdout, which holds only events). */
  err: NodeJS.WritableStream;
}

/**
 * Prints every entry of `source` on `out`, one line each, as it arrives: a plain line or (with `json`)
 * the entry as JSON. Returns the function that stops printing.
 */
export function printEvents(source: WatchSource, options: PrintOptions): () => void {
  const stops = [
    source.subscribe(
      (entry) => {
        const line = options.json ? JSON.stringify(entry) : plainLine(entry);
        options.out.write(`${line}\n`);
      },
      { backlog: true },
    ),
    source.onStatus((status) => {
      options.err.write(`source: ${status.label}${status.detail ? ` (${status.detail})` : ""}\n`);
    }),
    source.onConnection((state) => {
      options.err.write(`${source.url}: ${describeConnection(state)}\n`);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
