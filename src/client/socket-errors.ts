import { maskToken } from "../config/mask.js";
import { ConnectionError } from "./errors.js";

/** `text` with every occurrence of the token replaced by its masked form. */
export function redact(text: string, token: string): string {
  return token.length > 0 && text.includes(token) ? text.split(token).join(maskToken(token)) : text;
}

/** A socket error while connecting, as a ConnectionError a person can act on. */
export function connectionErrorFrom(error: unknown, url: string): ConnectionError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED") return new ConnectionError(url, "Connection refused", { cause: error });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return new ConnectionError(url, `DNS lookup failed for ${hostOf(url)}`, {
      cause: error,
      code: "dns_failed",
      hint: "Check the host name in the supervisor URL (SUPERVISOR_URL or --url); locally it is ws://127.0.0.1:9999.",
    });
  }
  if (error instanceof SyntaxError) {
    return new ConnectionError(url, `Invalid supervisor URL: ${error.message}`, {
      cause: error,
      code: "invalid_url",
      hint: "Use a WebSocket URL such as ws://127.0.0.1:9999 (SUPERVISOR_URL or --url).",
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectionError(url, `Connection failed: ${detail}`, {
    cause: error,
    code: typeof code === "string" && code === "ECONNRESET" ? "connection_reset" : "connection_failed",
  });
}

/** The server answered the WebSocket upgrade with a plain HTTP response. */
export function handshakeError(url: string, status: number | undefined): ConnectionError {
  return new ConnectionError(url, `WebSocket handshake failed (HTTP ${status ?? "?"})`, {
    code: "handshake_failed",
    hint: "Something answers on this port but it is not a WebSocket supervisor: check the URL and port, e.g. `lsof -i :9999`.",
  });
}

/** The socket closed before authentication finished. */
export function closedEarlyError(url: string, code: number): ConnectionError {
  return new ConnectionError(url, `Connection closed by the server before authentication (code ${code})`, {
    code: "connection_closed",
    hint: "Is the server on this port an xswarm supervisor? Check its logs (tail -f logs/supervisor.log).",
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
