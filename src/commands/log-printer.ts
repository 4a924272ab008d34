import type { LogRecord } from "../supervisor/types.js";
import { colorsFor } from "./colors.js";

/**
 * The one printer of server log records (supervisor, tap) on stderr: `12:00:01.234 warn message
 * key=value`. Warnings and errors always; info lines only with --verbose.
 */
export function logPrinter(
  verbose: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): (record: LogRecord) => void {
  const c = colorsFor(stream);
  return (record) => {
    if (record.level === "info" && !verbose) return;
    const { time, level, msg, ...fields } = record;
    const detail = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const tag = level === "error" ? c.red(level) : level === "warn" ? c.yellow(level) : c.dim(level);
    stream.write(`${c.dim(time.slice(11, 23))} ${tag} ${msg}${detail ? c.dim(` ${detail}`) : ""}\n`);
  };
}
