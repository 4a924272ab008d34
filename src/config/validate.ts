import { ConfigError } from "./errors.js";

/** The outcome of checking a supervisor URL: the parsed URL, or why it is unusable and what to do. */
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string; hint: string };

const URL_HINT = "Use a WebSocket URL such as ws://127.0.0.1:9999 (or wss://host for TLS).";

/** Checks that `value` parses as a URL and that its scheme is ws: or wss:. Never throws. */
export function checkSupervisorUrl(value: string): UrlCheck {
  // `localhost:9999` would parse with the scheme "localhost": catch a missing scheme first.
  if (/^[\w.-]+:\d+(\/.*)?$/.test(value))
    return { ok: false, reason: `"${value}" has no scheme`, hint: `Write ws://${value}.` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `"${value}" is not a URL`, hint: URL_HINT };
  }
  if (url.protocol === "ws:" || url.protocol === "wss:") return { ok: true, url };
  const scheme = url.protocol.replace(/:$/, "");
  const web = scheme === "http" || scheme === "https";
  return {
    ok: false,
    reason: `"${value}" has scheme ${scheme}; the supervisor needs ws or wss`,
    hint: web ? `Write ${scheme === "https" ? "wss" : "ws"}:// instead of ${scheme}://.` : URL_HINT,
  };
}

/** Largest delay a Node timer honours; a larger one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A timeout in ms from a flag, a variable or the profile: a positive whole number, or a ConfigError. */
export function parseTimeoutMs(value: number | string, from: string): number {
  const text = String(value).trim();
  const n = typeof value === "number" ? value : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(n) && n > 0 && n <= MAX_TIMEOUT_MS) return n;
  throw new ConfigError(
    `Invalid timeout "${text}" (from ${from}): must be a positive whole number of milliseconds`,
    n > MAX_TIMEOUT_MS ? `Use at most ${MAX_TIMEOUT_MS} ms.` : "For example --timeout 5000.",
  );
}

/** Throws a ConfigError naming the source when `value` is not a ws:// or wss:// URL. */
export function assertSupervisorUrl(value: string, from: string): void {
  const check = checkSupervisorUrl(value);
  if (!check.ok) throw new ConfigError(`Invalid supervisor URL (from ${from}): ${check.reason}`, check.hint);
}
