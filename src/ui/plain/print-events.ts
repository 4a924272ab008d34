import { describeConnection } from "../format/connection.js";

const START_HINT =
  "Start a supervisor: `xswarm-dev supervisor` (or `cargo run --bin xswarm` in packages/core), or use --embedded.";

import type { WatchSource } from "../../watch/types.js";
import { plainLine } from "../format/line.js";

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
  let hinted = false;
  const stops = [
    source.subscribe(
      (entry) => {
        const line = options.json ? JSON.stringify(entry) : plainLine(entry);
        options.out.write(`${line}\n`);
      },
      { backlog: true },
    ),
    source.onNote((note) => {
      options.err.write(`note: ${note.text}\n`);
    }),
    source.onStatus((status) => {
      options.err.write(`source: ${status.label}${status.detail ? ` (${status.detail})` : ""}\n`);
    }),
    source.onConnection((state) => {
      // The watch sources keep trying after a failed connection: "closed" would read as final here.
      if (state.status !== "closed")
        return options.err.write(`${source.url}: ${describeConnection(state)}\n`);
      options.err.write(`${source.url}: not connected (${state.reason}); still trying\n`);
      if (!hinted) options.err.write(`  ${START_HINT}\n`);
      hinted = true;
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
