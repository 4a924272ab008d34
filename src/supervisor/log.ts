import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { isoTime } from "./time.js";
import type { LogRecord } from "./types.js";

/** Default JSON-lines log of the dev supervisor, relative to the working directory. */
export const DEFAULT_LOG_FILE = "logs/supervisor.log";

/** How long lines that come during a file write wait to leave with the ones after them. */
const LOG_BATCH_MS = 10;

/** Writes the supervisor's JSON-lines log. Callers never pass a token; a `token` field is dropped anyway. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Flushes and closes the log file. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** JSON-lines file (appended to); null or undefined for none. */
  file?: string | null;
  onLog?: (record: LogRecord) => void;
  now?: () => number;
}

/** A logger that writes nowhere and calls nothing. */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
  close: async () => {},
};

/** Creates the JSON-lines logger. The file is opened in append mode; its folder is created. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { onLog } = options;
  const now = options.now ?? Date.now;
  let stream: WriteStream | undefined;
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    stream = createWriteStream(options.file, { flags: "a" });
    // A log that cannot be written must not take the server down.
    stream.on("error", () => {
      stream = undefined;
    });
  }
  if (!stream && !onLog) return silentLogger;

  // Lines are gathered and handed to the file one chunk at a time. A quiet log writes on the next
  // pass; lines that come while a chunk is being written wait for it, and then LOG_BATCH_MS more, and
  // leave together: under load a few file writes a second instead of one per event-loop pass (each
  // write a thread-pool round trip that wakes the loop again).
  let pending = "";
  let scheduled = false;
  let writing = false;
  const written = () => {
    writing = false;
    if (pending === "" || scheduled) return;
    scheduled = true;
    setTimeout(flush, LOG_BATCH_MS);
  };
  const flush = () => {
    scheduled = false;
    if (writing || pending === "" || !stream) return;
    writing = true;
    const chunk = pending;
    pending = "";
    stream.write(chunk, written);
  };
  const write = (level: LogRecord["level"], msg: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { time: isoTime(now()), level, msg, ...fields };
    if ("token" in record) delete record.token;
    if (stream) {
      pending += `${JSON.stringify(record)}\n`;
      if (!scheduled && !writing) {
        scheduled = true;
        setImmediate(flush);
      }
    }
    onLog?.(record);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    close: () =>
      new Promise<void>((resolve) => {
        // The stream keeps its chunks in order: what waits here follows the chunk being written.
        if (pending !== "") stream?.write(pending);
        pending = "";
        const s = stream;
        stream = undefined;
        if (!s || s.destroyed) return resolve();
        s.once("error", () => resolve());
        s.end(() => resolve());
      }),
  };
}
