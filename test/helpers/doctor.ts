import { once } from "node:events";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { DoctorContext, DoctorOptions } from "../../src/diagnostics/types.js";

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

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
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
  const port = await listening(server);
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never says a word. */
export async function startSilentTcpServer(): Promise<Closable> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listening(server);
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
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
