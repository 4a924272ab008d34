import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { LineBatch } from "./line-batch.js";
import { logLine, logRecord, type RepeatedLine } from "./log-line.js";
import { isoTime } from "./time.js";
import type { LogRecord } from "./types.js";

/** Default JSON-lines log of the dev supervisor, relative to the working directory. */
export const DEFAULT_LOG_FILE = "logs/supervisor.log";

/** The log file is written at most once in this many milliseconds; the lines in between wait. */
const LOG_BATCH_MS = 10;

/** Writes the supervisor's JSON-lines log. Callers never pass a token; a `token` field is dropped anyway. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Writes `line` (made by `RepeatedLine#set`) as `line.level` of `line.msg` and `line.fields` would be. */
  repeat(line: RepeatedLine): void;
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
  repeat() {},
  close: async () => {},
};

/** Creates the JSON-lines logger. The file is opened in append mode; its folder is created. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { onLog } = options;
  const now = options.now ?? Date.now;
  let fd: number | undefined;
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    fd = openLog(options.file);
  }
  if (fd === undefined && !onLog) return silentLogger;

  // Lines are gathered and written in one synchronous write at most every LOG_BATCH_MS: a quiet
  // log writes on the next pass, a busy one a hundred times a second. A write to a local file is
  // a copy into the page cache; done through a stream it was a thread-pool round trip per pass,
  // which cost more than the line itself, and under load the lines piled up behind it.
  // Each line is copied into one reusable buffer at once: kept as a string of 10 ms of lines, they
  // outlived the young generation and were flattened and copied again at each write.
  const batch = new LineBatch();
  let scheduled = false;
  let lastFlush = Number.NEGATIVE_INFINITY;
  const writeOut = (bytes: Buffer) => {
    // A log that cannot be written must not take the server down: it stops instead.
    if (fd !== undefined && !writeAll(fd, bytes)) fd = closeLog(fd);
  };
  const flush = () => {
    scheduled = false;
    lastFlush = performance.now();
    batch.drain(writeOut);
  };
  const schedule = () => {
    scheduled = true;
    const wait = lastFlush + LOG_BATCH_MS - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  };
  const write = (level: LogRecord["level"], msg: string, fields?: Record<string, unknown>) => {
    const time = isoTime(now());
    if (fd !== undefined) {
      batch.add(logLine(time, level, msg, fields), writeOut);
      if (!scheduled) schedule();
    }
    onLog?.(logRecord(time, level, msg, fields));
  };
  // `{"time":"…"` as bytes, made once per millisecond: what every repeated line starts with.
  let headMs = Number.NaN;
  let head = Buffer.alloc(0);
  const repeat = (line: RepeatedLine) => {
    if (fd === undefined) {
      write(line.level, line.msg, line.fields);
      return;
    }
    const ms = Math.floor(now());
    if (ms !== headMs) {
      headMs = ms;
      head = Buffer.from(`{"time":"${isoTime(ms)}"`, "latin1");
    }
    batch.addBytes(head, line.tail, writeOut);
    if (!scheduled) schedule();
    onLog?.(logRecord(isoTime(ms), line.level, line.msg, line.fields));
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    repeat,
    close: async () => {
      flush();
      if (fd !== undefined) fd = closeLog(fd);
    },
  };
}

function openLog(file: string): number | undefined {
  try {
    return openSync(file, "a");
  } catch {
    return undefined;
  }
}

function writeAll(fd: number, bytes: Buffer): boolean {
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    return true;
  } catch {
    return false;
  }
}

function closeLog(fd: number): undefined {
  try {
    closeSync(fd);
  } catch {
    // Already gone: nothing more to write to it.
  }
  return undefined;
}
