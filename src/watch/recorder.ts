import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { WatchSource } from "./types.js";

/**
 * `--record`: writes every entry the source delivers to `path` as JSON lines (the format `--replay`
 * reads and `xswarm-dev supervisor --record` writes). Auth tokens are already masked by the sources.
 * Returns the function that stops recording and flushes the file.
 */
export function recordSource(
  source: Pick<WatchSource, "subscribe">,
  path: string,
  onError: (error: Error) => void = () => {},
): () => Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const stream = createWriteStream(path, { flags: "w" });
  let failed = false;
  stream.on("error", (error) => {
    failed = true;
    onError(error);
  });
  const unsubscribe = source.subscribe((entry) => {
    if (!failed) stream.write(`${JSON.stringify(entry)}\n`);
  });
  return async () => {
    unsubscribe();
    if (failed || stream.destroyed) return;
    stream.end();
    await once(stream, "close").catch(() => {});
  };
}
