import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { rfc3339 } from "../../src/supervisor/time.js";

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Writes like the supervisor does: the socket is corked at the first write of an event-loop pass and
 * uncorked on the next tick, so that the replies of one pass leave in one write.
 */
export function batchedSend(ws: WebSocket): (data: string | Buffer, binary?: boolean) => void {
  let corked = false;
  const socket = (ws as unknown as { _socket: import("node:net").Socket })._socket;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  return (data, binary = false) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    ws.send(data, { binary });
  };
}

function closer(wss: WebSocketServer): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => resolve());
    });
}

/**
 * The supervisor's baseline: a raw `ws` server that parses each message, builds the same reply (an
 * RFC 3339 timestamp like the supervisor's) and batches its writes the same way (cork per pass).
 */
export async function startRawServer(token: string, port = 0): Promise<Served> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false });
  await new Promise((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws) => {
    const send = batchedSend(ws);
    let authed = false;
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; token?: string; user?: string };
      if (message.type === "auth") {
        authed = message.token === token;
        const text = authed ? "Authenticated successfully" : "Invalid authentication token";
        send(JSON.stringify({ type: "auth_result", success: authed, message: text }));
      } else if (authed && message.type === "sms_received") {
        send(
          JSON.stringify({
            type: "message_acknowledged",
            message_type: "sms",
            user: message.user,
            timestamp: rfc3339(),
          }),
        );
      } else if (authed && message.type === "email_received") {
        send(
          JSON.stringify({
            type: "message_acknowledged",
            message_type: "email",
            user: message.user,
            timestamp: rfc3339(),
          }),
        );
      }
    });
  });
  const address = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${address.port}`, close: closer(wss) };
}

/**
 * The tap's baseline: a bare `ws` proxy. Each client gets its own upstream connection; frames pass
 * unchanged both ways, unparsed, written in batches like the supervisor's (cork per pass).
 */
export async function startBareProxy(upstream: string): Promise<Served> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise((resolve) => wss.once("listening", resolve));
  wss.on("connection", (client) => {
    const up = new WebSocket(upstream, { perMessageDeflate: false });
    const early: [Buffer, boolean][] = [];
    const toClient = batchedSend(client);
    let toUp: ReturnType<typeof batchedSend> | undefined;
    up.on("open", () => {
      toUp = batchedSend(up);
      for (const [data, binary] of early.splice(0)) toUp(data, binary);
    });
    client.on("message", (data, binary) => {
      if (toUp) toUp(data as Buffer, binary);
      else early.push([data as Buffer, binary]);
    });
    up.on("message", (data, binary) => toClient(data as Buffer, binary));
    const end = () => {
      client.terminate();
      up.terminate();
    };
    client.on("close", end);
    up.on("close", end);
    client.on("error", end);
    up.on("error", end);
  });
  const address = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${address.port}`, close: closer(wss) };
}
