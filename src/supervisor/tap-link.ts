import { type RawData, WebSocket } from "ws";
import { REPLY_TYPES } from "../protocol/events.js";
import { parseFrame } from "./frame-text.js";
import type { Logger } from "./log.js";
import type { TrafficHub } from "./traffic-hub.js";

/** What every link of one tap shares. */
export interface TapLinkContext {
  hub: TrafficHub;
  log: Logger;
  upstream: string;
  connectTimeoutMs: number;
  maxPayload: number;
  /** Client frames held while the upstream connects; beyond this the client is closed with 1011. */
  maxBufferedBytes: number;
  onClosed: (link: TapLink) => void;
}

/** A monitor whose socket has this much unsent data loses traffic copies until it catches up. */
const MONITOR_BACKLOG_BYTES = 4 * 1024 * 1024;
const INTERNAL_ERROR = 1011;

/**
 * One client of the tap and its own upstream connection. Frames pass unchanged both ways and are
 * published on the hub. `{"type":"monitor"}` is answered by the tap, in its place among the replies:
 * it waits for the replies to earlier requests, so that a client correlating replies by order never
 * takes `monitor_started` for the answer to something else.
 */
export class TapLink {
  private readonly upstream: WebSocket;
  private readonly held: Array<{ data: Buffer; isBinary: boolean }> = [];
  private heldBytes = 0;
  /** Text frames sent on to the upstream, and replies it has given: each text frame gets exactly one. */
  private forwarded = 0;
  private answered = 0;
  /** For each `monitor` not answered yet: how many upstream replies must come before its own. */
  private readonly monitorsDue: number[] = [];
  /** What the upstream last said to this connection's `auth`; the tap cannot check tokens itself. */
  private authenticated = false;
  private monitoring = false;
  private closing = false;
  private finished = false;

  constructor(
    readonly id: string,
    private readonly client: WebSocket,
    private readonly ctx: TapLinkContext,
  ) {
    this.upstream = new WebSocket(ctx.upstream, {
      perMessageDeflate: false,
      handshakeTimeout: ctx.connectTimeoutMs,
      maxPayload: ctx.maxPayload,
    });
    this.upstream.on("open", () => this.flushHeld());
    this.upstream.on("message", (data, isBinary) => this.fromUpstream(data, isBinary));
    this.upstream.on("error", (error) => this.upstreamFailed(error));
    this.upstream.on("close", (code) => this.upstreamClosed(code));
    client.on("message", (data, isBinary) => this.fromClient(data, isBinary));
    client.on("error", () => {
      // The close event follows and does the cleanup.
    });
    client.on("close", (code) => this.clientClosed(code));
  }

  /** Closes both sides with `code` (the tap shutting down: 1001). */
  shutdown(code: number, reason = ""): void {
    this.closing = true;
    closeSocket(this.client, code, reason);
    closeSocket(this.upstream, code, reason);
  }

  private fromClient(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    const bytes = toBuffer(data);
    if (!isBinary) {
      const text = bytes.toString("utf8");
      const frame = parseFrame(text);
      if (frame?.type === "monitor") {
        this.monitorsDue.push(this.forwarded);
        this.answerDueMonitors();
        return;
      }
      this.ctx.hub.inbound(this.id, text, false, frame ?? undefined);
      this.forwarded += 1;
    } else {
      this.ctx.hub.inbound(this.id, bytes, true);
    }
    this.toUpstream(bytes, isBinary);
  }

  /** Sends the frame's own bytes on, with its own opcode: nothing is re-encoded. */
  private toUpstream(data: Buffer, isBinary: boolean): void {
    if (this.upstream.readyState === WebSocket.OPEN) {
      this.upstream.send(data, { binary: isBinary });
      return;
    }
    this.heldBytes += data.length;
    if (this.heldBytes > this.ctx.maxBufferedBytes) {
      this.ctx.log.warn(`client ${this.id} sent too much before the upstream was ready`, {
        connection_id: this.id,
        held_bytes: this.heldBytes,
      });
      this.shutdown(INTERNAL_ERROR, "Upstream not ready");
      return;
    }
    this.held.push({ data, isBinary });
  }

  private flushHeld(): void {
    this.ctx.log.info("upstream connected", { connection_id: this.id, upstream: this.ctx.upstream });
    for (const { data, isBinary } of this.held.splice(0)) this.upstream.send(data, { binary: isBinary });
    this.heldBytes = 0;
  }

  private fromUpstream(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      const bytes = toBuffer(data);
      this.ctx.hub.outboundBinary(this.id, bytes.length);
      sendIfOpen(this.client, bytes, true);
      return;
    }
    const bytes = toBuffer(data);
    const text = bytes.toString("utf8");
    const frame = parseFrame(text);
    this.ctx.hub.outbound(this.id, text, frame ?? undefined);
    sendIfOpen(this.client, bytes, false);
    const type = frame?.type;
    if (typeof type !== "string" || !REPLY_TYPES.has(type)) return;
    if (type === "auth_result") this.setAuthenticated(frame?.success === true);
    // A reply nobody asked for (none is owed) moves nothing.
    if (this.answered < this.forwarded) this.answered += 1;
    this.answerDueMonitors();
  }

  /** Answers the `monitor` requests that have reached the head of the reply order. */
  private answerDueMonitors(): void {
    while (this.monitorsDue.length > 0 && (this.monitorsDue[0] ?? 0) <= this.answered) {
      this.monitorsDue.shift();
      if (!this.authenticated) {
        sendIfOpen(this.client, '{"type":"error","message":"Not authenticated"}', false);
        continue;
      }
      if (!this.monitoring) {
        this.monitoring = true;
        this.ctx.hub.addMonitor(this.id, (copy) => this.sendCopy(copy));
        this.ctx.log.info("monitor started", { connection_id: this.id });
      }
      sendIfOpen(this.client, '{"type":"monitor_started","source":"tap"}', false);
    }
  }

  private setAuthenticated(success: boolean): void {
    this.authenticated = success;
    // A failed auth de-authenticates the connection (PROTOCOL.md); its monitor stops with it.
    if (!success) this.monitoring = false;
  }

  private sendCopy(copy: string): void {
    if (!this.monitoring || this.client.readyState !== WebSocket.OPEN) return;
    if (this.client.bufferedAmount > MONITOR_BACKLOG_BYTES) return;
    this.client.send(copy);
  }

  private upstreamFailed(error: Error): void {
    if (this.closing) return;
    if (this.upstream.readyState === WebSocket.OPEN) {
      this.ctx.log.warn(`upstream ${this.ctx.upstream} error: ${describeNetError(error)}`, {
        connection_id: this.id,
      });
      return;
    }
    this.closing = true;
    this.ctx.log.warn(`upstream ${this.ctx.upstream} unreachable: ${describeNetError(error)}`, {
      connection_id: this.id,
    });
    closeSocket(this.client, INTERNAL_ERROR, "Upstream unreachable");
  }

  private upstreamClosed(code: number): void {
    if (!this.closing) {
      this.closing = true;
      this.ctx.log.warn(`upstream ${this.ctx.upstream} closed the connection (code ${code})`, {
        connection_id: this.id,
        code,
      });
      const forwarded = sendableCode(code);
      closeSocket(this.client, forwarded, forwarded === INTERNAL_ERROR ? "Upstream went away" : "");
    }
    this.finish();
  }

  private clientClosed(code: number): void {
    if (!this.closing) {
      this.closing = true;
      this.ctx.log.info("client closed", { connection_id: this.id, code });
      closeSocket(this.upstream, sendableCode(code, 1001), "");
    }
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    if (this.client.readyState !== WebSocket.CLOSED || this.upstream.readyState !== WebSocket.CLOSED) return;
    this.finished = true;
    this.ctx.hub.removeConnection(this.id);
    this.ctx.onClosed(this);
  }
}

/** A close code that may be sent in a close frame; 1005 (none given) becomes 1000, 1006 and the like `fallback`. */
export function sendableCode(code: number, fallback = INTERNAL_ERROR): number {
  if (code === 1005) return 1000;
  const standard = code >= 1000 && code <= 1014 && code !== 1004 && code !== 1006;
  return standard || (code >= 3000 && code <= 4999) ? code : fallback;
}

/** `Connection refused` rather than `connect ECONNREFUSED 127.0.0.1:9999`. */
export function describeNetError(error: Error): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ECONNREFUSED":
      return "Connection refused";
    case "ECONNRESET":
      return "Connection reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "Host unreachable";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Host not found";
    default:
      return error.message;
  }
}

function closeSocket(socket: WebSocket, code: number, reason: string): void {
  if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
  else if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
}

function sendIfOpen(socket: WebSocket, data: string | Buffer, binary: boolean): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(data, { binary });
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
