import { XswarmError } from "../protocol/errors.js";

/**
 * A configuration file or value that cannot be used: a malformed line, a missing `--env-file`, a URL
 * that is not ws:// or wss://, a timeout that is not a positive whole number. `file` and `line` say
 * where, when known. Maps to exit code 2 (`config_error`).
 */
export class ConfigError extends XswarmError {
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(message: string, hint: string, where: { file?: string; line?: number } = {}) {
    super("config_error", message, hint);
    this.file = where.file;
    this.line = where.line;
  }
}

/** `file:line: detail`, or `file: detail` when the line is unknown. */
export function located(file: string, line: number | undefined, detail: string): string {
  return line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`;
}
