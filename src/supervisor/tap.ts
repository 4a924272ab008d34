import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { XswarmError } from "../protocol/errors.js";
import { isLoopbackHost, isOriginAllowed } from "./hardening.js";
import { createLogger } from "./log.js";
import { TapLink } from "./tap-link.js";
import { TrafficHub } from "./traffic-hub.js";
import type { LogRecord, SupervisorHandle } from "./types.js";

export { DEFAULT_TAP_PORT, DEFAULT_URL as DEFAULT_UPSTREAM } from "../config/types.js";

/** As large as the Rust supervisor's own frame limit (tungstenite's 16 MiB), so that the tap changes nothing. */
const MAX_PAYLOAD = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

export interface StartTapOptions {
  /** Default 127.0.0.1. Any other host needs `allowRemote`. */
  host?: string;
  /** Port the tap listens on; 0 picks a free one. */
  port: number;
  /** The real supervisor, e.g. `ws://127.0.0.1:9999`. */
  upstream: string;
  /** Writes the traffic feed as JSON lines (the file is truncated first). */
  record?: string;
  allowRemote?: boolean;
  /** How long one upstream connection may take to open; default 10 s. */
  connectTimeoutMs?: number;
  /** Receives the tap's log records (connections, upstream failures). */
  onLog?: (record: LogRecord) => void;
}

export interface TapHandle extends SupervisorHandle {
  upstream: string;
}

/**
 * Starts a transparent recording proxy in front of a supervisor: each client gets its own upstream
 * connection, every frame passes unchanged both ways and is published on `feed`. The tap answers
 * `{"type":"monitor"}` itself, for connections the upstream has authenticated.
 */
export async function startTap(options: StartTapOptions): Promise<TapHandle> {
  const host = options.host ?? "127.0.0.1";
  const upstream = checkUpstream(options.upstream);
  if (!isLoopbackHost(host) && !options.allowRemote)
    throw new XswarmError(
      "remote_not_allowed",
      `Refusing to listen on ${host}: it is reachable from other machines`,
      "Use the default --host 127.0.0.1, or pass --allow-remote.",
    );
  const log = createLogger({ onLog: options.onLog });
  const hub = new TrafficHub({
    record: options.record,
    onError: (error) => log.error(`cannot write the record file: ${error.message}`),
  });
  const links = new Set<TapLink>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
  const http = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain", connection: "close" });
    res.end("This is an xswarm-dev tap: connect with a WebSocket client.\n");
  });
  // A half-sent upgrade must not hold a socket for long.
  http.headersTimeout = 5000;
  http.requestTimeout = 10_000;
  let next = 0;

  http.on("upgrade", (req, socket: Duplex, head) => {
    socket.on("error", () => {});
    if (!isOriginAllowed(req.headers.origin)) {
      log.warn("refused a WebSocket upgrade from a web page", { origin: req.headers.origin });
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      const id = `c${++next}`;
      log.info("client connected", { connection_id: id, remote: req.socket.remoteAddress });
      const link = new TapLink(id, client, {
        hub,
        log,
        upstream,
        connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
        maxPayload: MAX_PAYLOAD,
        maxBufferedBytes: MAX_PAYLOAD,
        onClosed: (closed) => links.delete(closed),
      });
      links.add(link);
    });
  });

  const address = await listen(http, host, options.port);
  log.info("tap listening", { host, port: address.port, upstream });
  let closing: Promise<void> | undefined;
  return {
    url: `ws://${urlHost(host)}:${address.port}`,
    host,
    port: address.port,
    upstream,
    feed: hub,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    const served = new Promise<void>((resolve) => http.close(() => resolve()));
    for (const link of links) link.shutdown(1001, "Tap shutting down");
    // Clients that do not finish the closing handshake in time are cut off.
    const grace = setTimeout(() => {
      for (const client of wss.clients) client.terminate();
      http.closeAllConnections();
    }, CLOSE_GRACE_MS);
    await served;
    clearTimeout(grace);
    await hub.close();
    await log.close();
  }
}

function checkUpstream(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUpstream(url);
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") throw invalidUpstream(url);
  return url;
}

function invalidUpstream(url: string): XswarmError {
  return new XswarmError(
    "invalid_input",
    `Invalid upstream: ${JSON.stringify(url)} is not a ws:// or wss:// URL`,
    "Give the real supervisor's address, e.g. --upstream ws://127.0.0.1:9999.",
  );
}

function listen(http: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    http.once("error", (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === "EADDRINUSE"
          ? `Try --listen 0 for any free port, or see what holds it: lsof -i :${port}`
          : "Check --host and --listen.";
      const message =
        error.code === "EADDRINUSE"
          ? `Port ${port} is already in use on ${host}`
          : `Cannot listen on ${host}:${port}: ${error.message}`;
      reject(new XswarmError(error.code === "EADDRINUSE" ? "port_in_use" : "listen_failed", message, hint));
    });
    http.listen(port, host, () => resolve(http.address() as AddressInfo));
  });
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
