import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { WebSocket } from "ws";
import { XswarmError } from "../protocol/errors.js";
import { REPLY_TYPES } from "../protocol/events.js";
import { AdmissionGate } from "./admission.js";
import { startWsServer, type WsServer } from "./bootstrap.js";
import { DEFAULT_LIMITS } from "./hardening.js";
import { createLogger } from "./log.js";
import { TapLink } from "./tap-link.js";
import { FrameTypes } from "./tap-scan.js";
import { TrafficHub } from "./traffic-hub.js";
import type { LogRecord, SupervisorHandle, SupervisorLimits } from "./types.js";

export { DEFAULT_TAP_PORT, DEFAULT_URL as DEFAULT_UPSTREAM } from "../config/types.js";

/** As large as the Rust supervisor's own frame limit (tungstenite's 16 MiB), so that the tap changes nothing. */
const MAX_PAYLOAD = 16 * 1024 * 1024;

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
  /**
   * A client the upstream has not authenticated by then is closed with 4408, as the dev supervisor
   * does; default 10,000 ms, 0 for no deadline (the Rust supervisor has none).
   */
  authTimeoutMs?: number;
  /** The supervisor's hardening knobs that apply to a tap (tests use small ones). */
  limits?: Partial<Pick<SupervisorLimits, TapLimit>>;
}

type TapLimit =
  | "authTimeoutMs"
  | "maxUnauthenticated"
  | "floodMaxErrors"
  | "floodWindowMs"
  | "headersTimeoutMs";

export interface TapHandle extends SupervisorHandle {
  upstream: string;
}

/**
 * Starts a transparent recording proxy in front of a supervisor: each client gets its own upstream
 * connection, every frame passes unchanged both ways and is published on `feed`. The tap answers
 * `{"type":"monitor"}` itself, for connections the upstream has authenticated. It has the
 * supervisor's protections (one start-up, the same limits): the header cut-off, the cap of
 * unauthenticated connections, the auth deadline, the flood limit, and backpressure both ways.
 */
export async function startTap(options: StartTapOptions): Promise<TapHandle> {
  const upstream = checkUpstream(options.upstream);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.authTimeoutMs !== undefined) limits.authTimeoutMs = options.authTimeoutMs;
  const log = createLogger({ onLog: options.onLog });
  const hub = new TrafficHub({
    record: options.record,
    onError: (error) => log.error(`cannot write the record file: ${error.message}`),
  });
  const links = new Set<TapLink>();
  const gate = new AdmissionGate(limits.maxUnauthenticated, log);
  let next = 0;
  const context = {
    hub,
    log,
    upstream,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    maxPayload: MAX_PAYLOAD,
    maxBufferedBytes: MAX_PAYLOAD,
    authTimeoutMs: limits.authTimeoutMs,
    floodMaxErrors: limits.floodMaxErrors,
    floodWindowMs: limits.floodWindowMs,
    onClosed: (closed: TapLink) => links.delete(closed),
    types: new FrameTypes(["monitor", ...REPLY_TYPES]),
  };

  const onConnection = (client: WebSocket, socket: Socket, req: IncomingMessage) => {
    const id = `c${++next}`;
    log.info("client connected", { connection_id: id, remote: req.socket.remoteAddress });
    let link: TapLink | undefined;
    const admission = gate.admit(() => link?.evict());
    link = new TapLink(id, client, socket, admission, context);
    links.add(link);
  };

  let server: WsServer;
  try {
    server = await startWsServer({
      name: "an xswarm-dev tap",
      host: options.host ?? "127.0.0.1",
      port: options.port,
      allowRemote: options.allowRemote ?? false,
      remoteHint: "Use the default --host 127.0.0.1, or pass --allow-remote.",
      maxPayload: MAX_PAYLOAD,
      originCheck: true,
      headersTimeoutMs: limits.headersTimeoutMs,
      log,
      onConnection,
    });
  } catch (error) {
    await hub.close();
    await log.close();
    throw error;
  }
  log.info("tap listening", { host: server.host, port: server.port, upstream });
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    upstream,
    feed: hub,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    await server.shutdown(
      () => {
        const all = [...links];
        for (const link of all) link.shutdown(1001, "Tap shutting down");
        return Promise.all(all.map((link) => link.closed));
      },
      () => {
        for (const link of links) link.terminate();
      },
    );
    gate.flush();
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
