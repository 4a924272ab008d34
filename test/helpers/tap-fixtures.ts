import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type RawData, WebSocket, WebSocketServer } from "ws";

export const UPSTREAM_TOKEN = "tap-test-token";

export interface Frame {
  text?: string;
  binary?: Buffer;
  json?: Record<string, unknown>;
}

/**
 * A tiny upstream speaking enough of PROTOCOL.md for the tap tests: auth, ping, sms_received, a format
 * error for anything else (including `monitor`, as the Rust server does). Binary frames are echoed
 * back as binary, which the Rust server never does, so that the tap's upstream-to-client binary path
 * can be tested. `hold()` delays replies until `release()`; `holdHandshakes()` delays new connections.
 */
export interface TinyUpstream {
  url: string;
  port: number;
  /** Every frame received, all connections, in order. */
  received: Frame[];
  sockets: Set<WebSocket>;
  /** Close codes of connections the tap closed. */
  closeCodes: number[];
  hold(): void;
  release(): void;
  holdHandshakes(): void;
  releaseHandshakes(): void;
  waitFor(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startTinyUpstream(port = 0): Promise<TinyUpstream> {
  let holding = false;
  const held: Array<() => void> = [];
  let holdingHandshakes = false;
  const heldHandshakes: Array<() => void> = [];
  const checks = new Set<() => void>();
  const changed = () => {
    for (const check of checks) check();
  };
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port,
    perMessageDeflate: false,
    verifyClient: (_info: { req: IncomingMessage }, done: (ok: boolean) => void) => {
      if (holdingHandshakes) heldHandshakes.push(() => done(true));
      else done(true);
    },
  });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  const actualPort = (wss.address() as AddressInfo).port;
  const upstream: TinyUpstream = {
    url: `ws://127.0.0.1:${actualPort}`,
    port: actualPort,
    received: [],
    sockets: new Set(),
    closeCodes: [],
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const send of held.splice(0)) send();
    },
    holdHandshakes: () => {
      holdingHandshakes = true;
    },
    releaseHandshakes: () => {
      holdingHandshakes = false;
      for (const go of heldHandshakes.splice(0)) go();
    },
    waitFor: (predicate) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!predicate()) return;
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.close(1001, "Upstream shutting down");
        wss.close(() => resolve());
      }),
  };

  wss.on("connection", (socket) => {
    upstream.sockets.add(socket);
    let authenticated = false;
    const reply = (value: unknown) => {
      const send = () => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(value));
      if (holding) held.push(send);
      else send();
    };
    socket.on("close", (code) => {
      upstream.sockets.delete(socket);
      upstream.closeCodes.push(code);
      changed();
    });
    socket.on("message", (data: RawData, isBinary) => {
      const bytes = data as Buffer;
      if (isBinary) {
        upstream.received.push({ binary: bytes });
        socket.send(bytes, { binary: true });
        changed();
        return;
      }
      const text = bytes.toString("utf8");
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      upstream.received.push({ text, json });
      changed();
      if (!json) return reply({ type: "error", message: "Invalid message format: expected value" });
      switch (json.type) {
        case "auth":
          authenticated = json.token === UPSTREAM_TOKEN;
          return reply({
            type: "auth_result",
            success: authenticated,
            message: authenticated ? "Authenticated successfully" : "Invalid authentication token",
          });
        case "ping":
          return reply({ type: "pong" });
        case "sms_received":
          if (!authenticated) return reply({ type: "error", message: "Not authenticated" });
          return reply({
            type: "message_acknowledged",
            message_type: "sms",
            user: json.user,
            timestamp: "2025-01-15T10:30:00.123456789+00:00",
          });
        default:
          return reply({
            type: "error",
            message: `Invalid message format: unknown variant \`${String(json.type)}\``,
          });
      }
    });
  });
  return upstream;
}

/** A test client: collects frames, waits for the next ones, knows how it was closed. */
export interface TestClient {
  ws: WebSocket;
  frames: Frame[];
  /** The next frame not yet taken (in arrival order). */
  next(): Promise<Frame>;
  /** Takes frames until one satisfies `predicate`; returns it with the ones before it. */
  until(predicate: (f: Frame) => boolean): Promise<{ frame: Frame; before: Frame[] }>;
  sendJson(value: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectClient(url: string, headers?: Record<string, string>): Promise<TestClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false, headers });
  const frames: Frame[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  ws.on("message", (data: RawData, isBinary) => {
    const bytes = data as Buffer;
    if (isBinary) frames.push({ binary: bytes });
    else {
      const text = bytes.toString("utf8");
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {}
      frames.push({ text, json });
    }
    wake?.();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => {
      resolve({ code, reason: reason.toString() });
      wake?.();
    }),
  );
  ws.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = async (): Promise<Frame> => {
    while (frames.length <= taken) {
      if (ws.readyState === WebSocket.CLOSED) throw new Error("closed while waiting for a frame");
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    const frame = frames[taken++];
    if (!frame) throw new Error("no frame");
    return frame;
  };
  return {
    ws,
    frames,
    next,
    until: async (predicate) => {
      const before: Frame[] = [];
      for (;;) {
        const frame = await next();
        if (predicate(frame)) return { frame, before };
        before.push(frame);
      }
    },
    sendJson: (value) => ws.send(JSON.stringify(value)),
    closed,
  };
}

export const isType = (type: string) => (f: Frame) => f.json?.type === type;
/** Reply frames only: traffic copies are broadcasts. */
export const isReply = (f: Frame) => f.json !== undefined && f.json.type !== "traffic";
