import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { WebSocket } from "ws";
import { type Admission, AdmissionGate } from "./admission.js";
import { startWsServer, type WsServer } from "./bootstrap.js";
import { startBroadcastDemo } from "./broadcast-demo.js";
import { type ConnectionContext, SupervisorConnection } from "./connection.js";
import { REMOTE_HINT } from "./hardening.js";
import { createLogger } from "./log.js";
import { resolveSupervisorOptions } from "./options.js";
import { answerTally } from "./respond.js";
import { createResponder } from "./responders/index.js";
import { peerAddress, TrafficHub } from "./traffic-hub.js";
import type { StartSupervisorOptions, SupervisorHandle } from "./types.js";
import { unconfiguredFeatures } from "./unconfigured.js";

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
    secrets: [o.token],
    onError: (error) =>
      log.error("cannot write the traffic record; recording stopped", { error: error.message }),
  });
  const responder = createResponder(o.responder, { anthropic: options.anthropic, env: o.env, log });
  const connections = new Set<SupervisorConnection>();
  const gate = new AdmissionGate(limits.maxUnauthenticated, log);
  const admissions = new WeakMap<SupervisorConnection, Admission>();
  let nextId = 0;
  // Forgotten once released: an authenticated connection (thousands of them) keeps no place.
  const release = (connection: SupervisorConnection) => {
    admissions.get(connection)?.release();
    admissions.delete(connection);
  };

  const context: ConnectionContext = {
    hub,
    log,
    responder,
    checkToken: o.checkToken,
    delayMs: o.delayMs,
    responderTimeoutMs: limits.responderTimeoutMs,
    authTimeoutMs: limits.authTimeoutMs,
    floodMaxErrors: limits.floodMaxErrors,
    floodWindowMs: limits.floodWindowMs,
    answerLines: answerTally(log, limits.answerLinesPerSecond),
    allowRemote: o.allowRemote,
    unconfigured: unconfiguredFeatures(o.clock),
    onFirstAuth: (connection) => release(connection),
  };

  const onConnection = (ws: WebSocket, socket: Socket, req: IncomingMessage) => {
    const connection = new SupervisorConnection(`c${++nextId}`, ws, socket, context);
    connections.add(connection);
    admissions.set(
      connection,
      gate.admit(() => connection.evict()),
    );
    log.info("client connected", {
      connection: connection.id,
      remote: req.socket.remoteAddress,
      origin: req.headers.origin,
    });
    hub.opened(connection.id, peerAddress(req.socket));
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
    ws.on("close", (code, reason) => {
      connections.delete(connection);
      hub.closed(connection.id, code, reason.toString("utf8"));
      release(connection);
      connection.dispose();
      log.info("client disconnected", { connection: connection.id, code });
    });
  };

  const sweep = setInterval(() => {
    for (const connection of connections) {
      // A connection we stopped reading has its pongs unread: it is not judged dead for that.
      if (connection.alive || connection.paused) connection.ping();
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

  let server: WsServer;
  try {
    server = await startWsServer({
      name: "the xswarm-dev supervisor",
      host: o.host,
      port: o.port,
      allowRemote: o.allowRemote,
      remoteHint: REMOTE_HINT,
      maxPayload: limits.maxPayload,
      originCheck: o.originCheck,
      headersTimeoutMs: limits.headersTimeoutMs,
      log,
      onConnection,
    });
  } catch (error) {
    clearInterval(sweep);
    stopDemo();
    await hub.close();
    await log.close();
    throw error;
  }
  const { url, host, port } = server;
  log.info("supervisor listening", { url, responder: responder.name, delay_ms: o.delayMs });

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      clearInterval(sweep);
      stopDemo();
      const clients = [...connections];
      await server.shutdown(
        () => {
          for (const connection of clients) connection.close(1001, "Server shutting down");
          return Promise.all(clients.map((c) => c.closed));
        },
        () => {
          for (const connection of connections) connection.terminate();
        },
      );
      gate.flush();
      context.answerLines?.flush();
      log.info("supervisor stopped");
      await hub.close();
      await log.close();
    })();
    return closed;
  };

  return { url, host, port, feed: hub, close };
}
