import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer } from "ws";
import { startBroadcastDemo } from "./broadcast-demo.js";
import { SupervisorConnection } from "./connection.js";
import { isOriginAllowed } from "./hardening.js";
import { createLogger } from "./log.js";
import { listen, resolveSupervisorOptions } from "./options.js";
import { createResponder } from "./responders/index.js";
import { TrafficHub } from "./traffic-hub.js";
import type { StartSupervisorOptions, SupervisorHandle } from "./types.js";
import { unconfiguredFeatures } from "./unconfigured.js";

/** How long clients get to complete the closing handshake on shutdown before they are dropped. */
const CLOSE_GRACE_MS = 2000;

/**
 * Starts the embedded dev supervisor: a WebSocket server that speaks PROTOCOL.md exactly as the
 * Rust supervisor does, hardened for a laptop, publishing all of its traffic on `feed`.
 * Rejects with an XswarmError when the options are invalid or the port cannot be bound.
 */
export async function startSupervisor(options: StartSupervisorOptions = {}): Promise<SupervisorHandle> {
  const o = resolveSupervisorOptions(options);
  const { limits } = o;
  const log = createLogger({ file: o.logFile, onLog: options.onLog });
  const hub = new TrafficHub({
    record: o.record,
    onError: (error) =>
      log.error("cannot write the traffic record; recording stopped", { error: error.message }),
  });
  const responder = createResponder(o.responder, { anthropic: options.anthropic, env: o.env, log });
  const connections = new Set<SupervisorConnection>();
  let unauthenticated = 0;
  let nextId = 0;
  let closing = false;

  const http = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.headersTimeoutMs * 2,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  });
  http.keepAliveTimeout = 1000;
  http.on("request", (_req, res) => {
    res.writeHead(426, { "content-type": "text/plain", connection: "close" });
    res.end("This is the xswarm-dev supervisor: connect with a WebSocket client.\n");
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayload,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const context = {
    hub,
    log,
    responder,
    checkToken: o.checkToken,
    delayMs: o.delayMs,
    responderTimeoutMs: limits.responderTimeoutMs,
    authTimeoutMs: limits.authTimeoutMs,
    floodMaxErrors: limits.floodMaxErrors,
    floodWindowMs: limits.floodWindowMs,
    unconfigured: unconfiguredFeatures(o.clock),
    onFirstAuth: () => {
      unauthenticated -= 1;
    },
  };

  http.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on("error", () => {});
    const origin = req.headers.origin;
    if (o.originCheck && !isOriginAllowed(origin)) {
      log.warn("refused a WebSocket upgrade from a web page", { origin });
      return refuse(socket, 403, "Forbidden", "WebSocket connections from web pages are not allowed.");
    }
    if (closing) return refuse(socket, 503, "Service Unavailable", "The supervisor is shutting down.");
    if (unauthenticated >= limits.maxUnauthenticated) {
      log.warn("refused a connection: too many unauthenticated connections", {
        limit: limits.maxUnauthenticated,
      });
      return refuse(socket, 503, "Service Unavailable", "Too many unauthenticated connections.");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new SupervisorConnection(`c${++nextId}`, ws, socket, context);
      connections.add(connection);
      unauthenticated += 1;
      log.info("client connected", { connection: connection.id, remote: req.socket.remoteAddress, origin });
      ws.on("message", (data, isBinary) => connection.onMessage(data, isBinary));
      ws.on("pong", () => {
        connection.alive = true;
      });
      ws.on("error", (error: Error & { code?: string }) => {
        log.warn("client connection error", {
          connection: connection.id,
          error: error.message,
          code: error.code,
        });
      });
      ws.on("close", (code) => {
        connections.delete(connection);
        if (!connection.everAuthenticated) unauthenticated -= 1;
        connection.dispose();
        log.info("client disconnected", { connection: connection.id, code });
      });
    });
  });

  const sweep = setInterval(() => {
    for (const connection of connections) {
      if (connection.alive) connection.ping();
      else {
        log.warn("terminating a client that stopped answering pings", { connection: connection.id });
        connection.terminate();
      }
    }
  }, limits.sweepIntervalMs);
  sweep.unref();
  const stopDemo = o.broadcastDemo
    ? startBroadcastDemo((event) => {
        for (const connection of connections) connection.broadcast(event);
      }, limits.broadcastIntervalMs)
    : () => {};

  let address: AddressInfo;
  try {
    address = await listen(http, o.host, o.port);
  } catch (error) {
    clearInterval(sweep);
    stopDemo();
    await hub.close();
    await log.close();
    throw error;
  }
  const host = address.address;
  const url = `ws://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  log.info("supervisor listening", { url, responder: responder.name, delay_ms: o.delayMs });

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      clearInterval(sweep);
      stopDemo();
      const stopped = closeServer(http);
      const clients = [...connections];
      for (const connection of clients) connection.close(1001, "Server shutting down");
      await settleWithin(Promise.all(clients.map((c) => c.closed)), CLOSE_GRACE_MS);
      for (const connection of connections) connection.terminate();
      http.closeAllConnections();
      await stopped;
      log.info("supervisor stopped");
      await hub.close();
      await log.close();
    })();
    return closed;
  };

  return { url, host, port: address.port, feed: hub, close };
}

function refuse(socket: Socket, status: number, reason: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body) + 1}\r\n\r\n${body}\n`,
  );
}

function closeServer(http: Server): Promise<void> {
  return new Promise((resolve) => http.close(() => resolve()));
}

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
