import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import type WebSocket from "ws";
import { ConnectionError, TimeoutError } from "./errors.js";

/** Close code 1011 (internal error): what a tap sends when it cannot reach its upstream supervisor. */
const INTERNAL_ERROR = 1011;

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
  if (url.startsWith("wss:") && isPlainServerTls(error)) {
    return new ConnectionError(
      url,
      "TLS handshake failed: the server on this port speaks plain ws://, not wss://",
      {
        cause: error,
        code: "tls_mismatch",
        hint: `Try ${url.replace(/^wss:/, "ws:")} (SUPERVISOR_URL or --url). Local supervisors, the xswarm-dev one and the Rust one, speak plain ws://.`,
      },
    );
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

/** OpenSSL's words for a peer that answered a ClientHello with plain text (an HTTP server). */
function isPlainServerTls(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "EPROTO" ||
    code === "ERR_SSL_WRONG_VERSION_NUMBER" ||
    (typeof message === "string" && /wrong version number|packet length too long|http request/i.test(message))
  );
}

/** The server answered the WebSocket upgrade with a plain HTTP response. */
export function handshakeError(url: string, status: number | undefined): ConnectionError {
  return new ConnectionError(url, `WebSocket handshake failed (HTTP ${status ?? "?"})`, {
    code: "handshake_failed",
    hint: `Something answers on this port but it is not a WebSocket supervisor: check the URL and port, e.g. \`lsof -i :${portOf(url)}\`.`,
  });
}

/**
 * Watches a connecting socket's TCP connection (ws keeps its HTTP request in `_req`), so that a connect
 * timeout can tell "nothing answered at all" from "TCP connected but the WebSocket handshake hangs".
 * When the request cannot be seen, the connection counts as made.
 */
export function watchTcpConnect(ws: WebSocket): () => boolean {
  const req = (ws as unknown as { _req?: ClientRequest | null })._req;
  if (req === undefined || req === null) return () => true;
  let connected = false;
  req.once("socket", (socket: Socket) => {
    if (!socket.connecting) connected = true;
    else
      socket.once("connect", () => {
        connected = true;
      });
  });
  return () => connected;
}

/** The connect timeout fired before the socket opened. */
export function connectTimeoutError(
  url: string,
  timeoutMs: number,
  tcpConnected: boolean,
): ConnectionError | TimeoutError {
  if (!tcpConnected) return new TimeoutError("connect", timeoutMs);
  const port = portOf(url);
  return new ConnectionError(url, `No WebSocket handshake answer within ${timeoutMs} ms`, {
    code: "handshake_timeout",
    hint: `Something accepts TCP connections on this port but does not answer the WebSocket handshake: is it a supervisor? Check the port (lsof -i :${port}).`,
  });
}

/** The server answered auth with `what` (another reply type, an echo, text): not a supervisor. */
export function notSupervisorError(url: string, what: string, detail: string): ConnectionError {
  return new ConnectionError(
    url,
    `The server answered auth with ${what} ${detail}: it is not an xswarm supervisor`,
    {
      code: "not_supervisor",
      hint: `Another WebSocket server holds this port: check the URL and what listens (lsof -i :${portOf(url)}).`,
    },
  );
}

/** The socket closed before authentication finished; `reason` is the server's close reason, if any. */
export function closedEarlyError(url: string, code: number, reason = ""): ConnectionError {
  const detail = closeDetail(code, reason);
  return new ConnectionError(url, `Connection closed by the server before authentication (${detail})`, {
    code: "connection_closed",
    hint:
      code === INTERNAL_ERROR
        ? "The server (e.g. an xswarm-dev tap) could not reach its upstream supervisor: start it (`xswarm-dev supervisor`, or `cd packages/core && cargo run --bin xswarm`) and try again."
        : "Is the server on this port an xswarm supervisor? Check its logs (tail -f logs/supervisor.log).",
  });
}

/** A close code with the server's reason when it gave one: `code 1011: Upstream unreachable`. */
export function closeDetail(code: number, reason: string): string {
  const said = printable(reason);
  return said === "" ? `code ${code}` : `code ${code}: ${said}`;
}

/** A close reason as it may be shown: control characters (a terminal's escape sequences) removed, trimmed. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}

/** The port of a ws:// or wss:// URL, the scheme's default when the URL names none. */
function portOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port || (parsed.protocol === "wss:" ? "443" : "80");
  } catch {
    return "<port>";
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
