import { once } from "node:events";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import type { DoctorContext, DoctorOptions } from "../../src/diagnostics/types.js";
import { ProtocolServer, type ProtocolServerOptions } from "./protocol-server.js";

/** A doctor context with short timeouts, as the configuration check would leave it. */
export function makeContext(
  url: string,
  overrides: Partial<DoctorContext> = {},
  options: DoctorOptions = {},
): DoctorContext {
  const parsed = new URL(url);
  return {
    options,
    url: parsed,
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: Number(parsed.port),
    addresses: [parsed.hostname],
    networkTimeoutMs: 500,
    protocolTimeoutMs: 500,
    eventTimeoutMs: 500,
    cleanups: [],
    ...overrides,
  };
}

/** Runs the context's cleanups (open probes). */
export async function cleanUp(ctx: DoctorContext): Promise<void> {
  await Promise.all(ctx.cleanups.map((c) => c()));
}

export interface Closable {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * For a test file of protocol checks (call it at the top level): the contexts made with `context` are
 * cleaned up, and the servers from `protocolServer` or pushed on `closables` closed, after each test.
 */
export function doctorFixtures() {
  const closables: Closable[] = [];
  const contexts: DoctorContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map(cleanUp));
    await Promise.all(closables.splice(0).map((s) => s.close()));
  });
  return {
    closables,
    /** A protocol-following supervisor on a free port. */
    async protocolServer(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
      const server = await ProtocolServer.start(options);
      closables.push({ url: server.url, port: server.port, close: () => server.stop() });
      return server;
    },
    /** A context for `url` with the dev token and 500 ms timeouts. */
    context(url: string, overrides: Partial<DoctorContext> = {}): DoctorContext {
      const ctx = makeContext(url, {
        config: { url, token: "dev-token-12345", environment: "local", timeoutMs: 500, sources: {} },
        ...overrides,
      });
      contexts.push(ctx);
      return ctx;
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Closable on 127.0.0.1:`port`; `close` gets a callback to call once all is closed. */
function closable(port: number, close: (done: () => void) => void): Closable {
  return { url: `ws://127.0.0.1:${port}`, port, close: () => new Promise<void>((resolve) => close(resolve)) };
}

async function listening(server: Server | HttpServer): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/** A plain HTTP server that answers every request (upgrades included) with `status`. */
export async function startHttpServer(status = 404, serverHeader = "test-http"): Promise<Closable> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(status, { server: serverHeader, connection: "close" });
    res.end("not a supervisor\n");
  });
  return closable(await listening(server), (done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}

/** A TCP server that accepts connections and never says a word. */
export async function startSilentTcpServer(): Promise<Closable> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return closable(await listening(server), (done) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => done());
  });
}

/** A WebSocket server whose every text message is answered by `respond` (null: no answer). */
export async function startRawWsServer(
  respond: (message: Record<string, unknown>, socket: WebSocket) => unknown,
): Promise<Closable & { received: Record<string, unknown>[] }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  const received: Record<string, unknown>[] = [];
  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      received.push(message);
      const reply = respond(message, socket);
      if (reply !== null && reply !== undefined)
        socket.send(typeof reply === "string" ? reply : JSON.stringify(reply));
    });
  });
  const server = closable((wss.address() as AddressInfo).port, (done) => {
    for (const client of wss.clients) client.terminate();
    wss.close(() => done());
  });
  return { ...server, received };
}

/** A supervisor with no auth at all: it acknowledges every SMS and email, authenticated or not. */
export function startInsecureServer(): ReturnType<typeof startRawWsServer> {
  return startRawWsServer((message) => {
    const timestamp = new Date().toISOString();
    if (message.type === "ping") return { type: "pong" };
    if (message.type === "auth")
      return { type: "auth_result", success: true, message: "Authenticated successfully" };
    const kind = message.type === "email_received" ? "email" : "sms";
    return { type: "message_acknowledged", message_type: kind, user: message.user, timestamp };
  });
}
