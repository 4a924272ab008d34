import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { XswarmError } from "../protocol/errors.js";
import { assertRemoteAllowed, isOriginAllowed } from "./hardening.js";
import type { Logger } from "./log.js";

// Module level: a handler made in the upgrade callback would keep that scope, and with it the upgrade
// request and its headers (~2 KB), alive as long as the socket.
const ignore = () => {};

/** How long clients get to complete the closing handshake on shutdown before they are dropped. */
const CLOSE_GRACE_MS = 2000;

export interface WsServerOptions {
  /** Said to plain HTTP requests: "This is <name>: connect with a WebSocket client." */
  name: string;
  host: string;
  port: number;
  allowRemote: boolean;
  /** Hint for a non-loopback host without allowRemote. */
  remoteHint: string;
  maxPayload: number;
  /** Refuse upgrades from web pages not served from this machine (403); false answers every Origin, as Rust does. */
  originCheck: boolean;
  /** How long an upgrade request may take to send its headers: a slow one is cut off with 408. */
  headersTimeoutMs: number;
  log: Logger;
  /** Each accepted WebSocket, with the TCP socket under it and the upgrade request. */
  onConnection(ws: WebSocket, socket: Socket, req: IncomingMessage): void;
}

/** A listening WebSocket server, as both the supervisor and the tap run it. */
export interface WsServer {
  /** `ws://host:port`, IPv6 hosts in brackets. */
  url: string;
  host: string;
  port: number;
  /**
   * Refuses new upgrades with 503, closes the clients (`closeClients` resolves once they are gone),
   * drops what is left after a grace period, and stops listening.
   */
  shutdown(closeClients: () => Promise<unknown>, dropClients: () => void): Promise<void>;
}

/**
 * The one start-up of the supervisor and the tap: the remote-bind refusal, an HTTP server that
 * answers plain HTTP with 426 and cuts off slow upgrade headers, the Origin check (403), `ws` with
 * the frame limit and no compression, and a listen whose failures are one clear error each.
 */
export async function startWsServer(o: WsServerOptions): Promise<WsServer> {
  assertRemoteAllowed(o.host, o.allowRemote, o.remoteHint);
  let closing = false;
  const http = createServer({
    headersTimeout: o.headersTimeoutMs,
    requestTimeout: o.headersTimeoutMs * 2,
    // Node checks the timeouts at this interval (30 s by default): a 5 s cut-off needs a finer one.
    connectionsCheckingInterval: Math.min(1000, o.headersTimeoutMs),
  });
  http.keepAliveTimeout = 1000;
  http.on("request", (_req, res) => {
    res.writeHead(426, { "content-type": "text/plain", connection: "close" });
    res.end(`This is ${o.name}: connect with a WebSocket client.\n`);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
  });
  http.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on("error", ignore);
    const origin = req.headers.origin;
    if (o.originCheck && !isOriginAllowed(origin)) {
      o.log.warn("refused a WebSocket upgrade from a web page", { origin });
      return refuse(socket, 403, "Forbidden", "WebSocket connections from web pages are not allowed.");
    }
    if (closing) return refuse(socket, 503, "Service Unavailable", `${capitalise(o.name)} is shutting down.`);
    wss.handleUpgrade(req, socket, head, (ws) => o.onConnection(ws, socket, req));
  });

  const address = await listen(http, o.host, o.port);
  const host = address.address;
  return {
    url: `ws://${urlHost(host)}:${address.port}`,
    host,
    port: address.port,
    shutdown: async (closeClients, dropClients) => {
      closing = true;
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await settleWithin(closeClients(), CLOSE_GRACE_MS);
      dropClients();
      http.closeAllConnections();
      await stopped;
    },
  };
}

/** `[::1]` for an IPv6 address, the host itself otherwise. */
export function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function refuse(socket: Socket, status: number, reason: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body) + 1}\r\n\r\n${body}\n`,
  );
}

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Listens, turning the usual failures into one clear XswarmError each. */
export function listen(http: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off("listening", onListening);
      reject(bindError(error, host, port));
    };
    const onListening = () => {
      http.off("error", onError);
      resolve(http.address() as AddressInfo);
    };
    http.once("error", onError);
    http.once("listening", onListening);
    http.listen(port, host);
  });
}

function bindError(error: NodeJS.ErrnoException, host: string, port: number): XswarmError {
  const where = `${urlHost(host)}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return new XswarmError(
        "port_in_use",
        `Port ${port} is already in use on ${host}`,
        `Try --port 0 for any free port, or see what holds it: lsof -i :${port}`,
        { cause: error },
      );
    case "EACCES":
      return new XswarmError("port_denied", `Not allowed to listen on ${where}`, "Use a port above 1023.", {
        cause: error,
      });
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new XswarmError(
        "bad_host",
        `Cannot listen on ${where}: no such local address`,
        "Use --host 127.0.0.1 (the default).",
        { cause: error },
      );
    default:
      return new XswarmError("listen_failed", `Cannot listen on ${where}: ${error.message}`, undefined, {
        cause: error,
      });
  }
}
