import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { isoTime } from "./time.js";
import type { LogRecord } from "./types.js";

/** Default JSON-lines log of the dev supervisor, relative to the working directory. */
export const DEFAULT_LOG_FILE = "logs/supervisor.log";

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

  // Lines are gathered and written once per tick: one write per burst instead of one per line.
  let pending = "";
  const flush = () => {
    if (pending !== "") stream?.write(pending);
    pending = "";
  };
  const write = (level: LogRecord["level"], msg: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { time: isoTime(now()), level, msg, ...fields };
    if ("token" in record) delete record.token;
    if (stream) {
      if (pending === "") setImmediate(flush);
      pending += `${JSON.stringify(record)}\n`;
    }
    onLog?.(record);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    close: () =>
      new Promise<void>((resolve) => {
        flush();
        const s = stream;
        stream = undefined;
        if (!s || s.destroyed) return resolve();
        s.once("error", () => resolve());
        s.end(() => resolve());
      }),
  };
}
