import type { Socket } from "node:net";
import { type RawData, WebSocket } from "ws";
import { REPLY_TYPES } from "../protocol/events.js";
import type { Admission } from "./admission.js";
import { OUTPUT_HIGH_BYTES, ReadGate } from "./backpressure.js";
import { parseFrame } from "./frame-text.js";
import { CLOSE, FloodLimiter } from "./hardening.js";
import type { Logger } from "./log.js";
import { closeSocket, describeNetError, PassWriter, sendableCode, toBuffer } from "./tap-net.js";
import { MonitorOrder } from "./tap-order.js";
import type { FrameTypes } from "./tap-scan.js";
import { UpstreamLeg } from "./tap-upstream.js";
import { peerAddress, type TrafficHub } from "./traffic-hub.js";

/** What every link of one tap shares. */
export interface TapLinkContext {
  hub: TrafficHub;
  log: Logger;
  upstream: string;
  connectTimeoutMs: number;
  maxPayload: number;
  /** Client frames held while the upstream connects; beyond this the client is closed with 1011. */
  maxBufferedBytes: number;
  /** A client the upstream has not authenticated by then is closed with 4408; 0 for no deadline. */
  authTimeoutMs: number;
  floodMaxErrors: number;
  floodWindowMs: number;
  onClosed: (link: TapLink) => void;
  /** Knows `monitor` and the reply types: what the tap must tell apart in frames it need not parse. */
  types: FrameTypes;
}

/** A monitor whose socket has this much unsent data loses traffic copies until it catches up. */
const MONITOR_BACKLOG_BYTES = 4 * 1024 * 1024;
const INTERNAL_ERROR = 1011;
/** An evicted client that does not finish the closing handshake in this time is dropped. */
const EVICT_GRACE_MS = 1000;

/**
 * One client of the tap and its own upstream connection. Frames pass unchanged both ways and are
 * published on the hub. `{"type":"monitor"}` is answered by the tap, in its place among the replies:
 * it waits for the replies to earlier requests, so that a client correlating replies by order never
 * takes `monitor_started` for the answer to something else.
 */
export class TapLink {
  private readonly upstream: WebSocket;
  private readonly order = new MonitorOrder();
  /** What the upstream last said to this connection's `auth`; the tap cannot check tokens itself. */
  private authenticated = false;
  private monitoring = false;
  private closing = false;
  private finished = false;
  private everAuthenticated = false;
  private readonly flood: FloodLimiter;
  private readonly authTimer: NodeJS.Timeout | undefined;
  /** Reading a side stops while the other side's socket is not draining (bounded buffers both ways). */
  private readonly clientReads: ReadGate;
  private readonly leg: UpstreamLeg;
  private readonly toClientWrites: PassWriter;
  private resolveClosed: () => void = () => {};
  /** Settles once both sides are closed. */
  readonly closed = new Promise<void>((resolve) => {
    this.resolveClosed = resolve;
  });

  /** `clientSocket` is the TCP socket under `client`; `admission` is released once the upstream says `auth_result` success. */
  constructor(
    readonly id: string,
    private readonly client: WebSocket,
    private readonly clientSocket: Socket,
    private readonly admission: Admission,
    private readonly ctx: TapLinkContext,
  ) {
    this.flood = new FloodLimiter(ctx.floodMaxErrors, ctx.floodWindowMs);
    ctx.hub.opened(id, peerAddress(clientSocket));
    this.clientReads = new ReadGate(client);
    this.toClientWrites = new PassWriter(client);
    this.toClientWrites.attach(clientSocket);
    this.leg = new UpstreamLeg({ ...ctx, url: ctx.upstream }, this.clientReads);
    this.upstream = this.leg.ws;
    if (ctx.authTimeoutMs > 0) {
      this.authTimer = setTimeout(() => this.authTimedOut(), ctx.authTimeoutMs);
      this.authTimer.unref();
    }
    this.upstream.on("open", () => {
      ctx.log.info("upstream connected", { connection_id: id, upstream: ctx.upstream });
      this.leg.flushHeld();
    });
    this.upstream.on("message", (data, isBinary) => this.fromUpstream(data, isBinary));
    this.upstream.on("error", (error) => this.upstreamFailed(error));
    this.upstream.on("close", (code) => this.upstreamClosed(code));
    client.on("message", (data, isBinary) => this.fromClient(data, isBinary));
    client.on("error", () => {
      // The close event follows and does the cleanup.
    });
    client.on("close", (code, reason) => {
      ctx.hub.closed(id, code, reason.toString("utf8"));
      this.clientClosed(code);
    });
  }

  /** Closes both sides with `code` (the tap shutting down: 1001). */
  shutdown(code: number, reason = ""): void {
    this.closing = true;
    closeSocket(this.client, code, reason);
    closeSocket(this.upstream, code, reason);
  }

  /** Drops both sides without a closing handshake. */
  terminate(): void {
    this.closing = true;
    this.client.terminate();
    this.upstream.terminate();
  }

  /** Makes room for a newcomer: closes with 1013, and drops both sides soon if the client does not answer. */
  evict(): void {
    this.shutdown(CLOSE.tryAgainLater, "Too many unauthenticated connections");
    setTimeout(() => this.terminate(), EVICT_GRACE_MS).unref();
  }

  private authTimedOut(): void {
    this.ctx.log.warn("closing a connection the upstream did not authenticate in time", {
      connection_id: this.id,
      timeout_ms: this.ctx.authTimeoutMs,
    });
    this.shutdown(CLOSE.authTimeout, "Authentication timeout");
  }

  private fromClient(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    const bytes = toBuffer(data);
    if (isBinary) this.ctx.hub.inbound(this.id, bytes, true);
    else if (!this.requestQuietly(bytes) && !this.request(bytes)) return;
    this.toUpstream(bytes, isBinary);
  }

  /**
   * Nobody listening, and a plain frame (tap-scan.ts) that is not `monitor`: it is only counted and
   * forwarded, nothing parsed or built. Returns false for every other frame, which `request` reads in full.
   */
  private requestQuietly(bytes: Buffer): boolean {
    if (this.ctx.hub.listening) return false;
    const type = this.ctx.types.read(bytes);
    if (type === undefined || type === "monitor") return false;
    this.ctx.hub.passedQuietly(this.id, "in", false);
    this.order.forwardedOne();
    return true;
  }

  /** A client's text frame, parsed: returns whether it goes on to the upstream. */
  private request(bytes: Buffer): boolean {
    const text = bytes.toString("utf8");
    const frame = parseFrame(text);
    // Text that is not an object with a type is a format error upstream: a flood of them is cut off here.
    if (typeof frame?.type !== "string" && this.ctx.floodMaxErrors > 0 && this.flood.hit()) {
      this.closeFlooder();
      return false;
    }
    if (frame?.type === "monitor") {
      this.order.monitorAsked();
      this.answerDueMonitors();
      return false;
    }
    this.ctx.hub.inbound(this.id, text, false, frame ?? undefined);
    this.order.forwardedOne();
    return true;
  }

  private closeFlooder(): void {
    this.ctx.log.warn("closing a client that floods invalid messages", {
      connection_id: this.id,
      limit: `${this.ctx.floodMaxErrors} per ${this.ctx.floodWindowMs} ms`,
    });
    this.shutdown(CLOSE.policy, "Too many invalid messages");
  }

  /** Sends the frame on, or holds it while the upstream connects; a client that sends too much before then is closed. */
  private toUpstream(data: Buffer, isBinary: boolean): void {
    if (this.leg.send(data, isBinary) !== -1) return;
    this.ctx.log.warn(`client ${this.id} sent too much before the upstream was ready`, {
      connection_id: this.id,
      held_bytes: this.leg.heldWith(data.length),
    });
    this.shutdown(INTERNAL_ERROR, "Upstream not ready");
  }

  private fromUpstream(data: RawData, isBinary: boolean): void {
    const bytes = toBuffer(data);
    if (isBinary) {
      this.ctx.hub.outboundBinary(this.id, bytes.length);
      this.toClient(bytes, true);
      return;
    }
    // Nobody listening: a plain frame's type is all the pairing needs (an auth_result's success is read in full).
    let type: unknown = this.ctx.hub.listening ? undefined : this.ctx.types.read(bytes);
    if (type !== undefined && type !== "auth_result") {
      this.ctx.hub.passedQuietly(this.id, "out", typeof type === "string" && REPLY_TYPES.has(type));
      this.toClient(bytes, false);
    } else {
      const text = bytes.toString("utf8");
      const frame = parseFrame(text);
      this.ctx.hub.outbound(this.id, text, frame ?? undefined);
      this.toClient(bytes, false);
      type = frame?.type;
      if (type === "auth_result") this.setAuthenticated(frame?.success === true);
    }
    if (typeof type !== "string" || !REPLY_TYPES.has(type)) return;
    this.order.replied();
    this.answerDueMonitors();
  }

  private toClient(data: Buffer, isBinary: boolean): void {
    if (this.toClientWrites.send(data, isBinary) > OUTPUT_HIGH_BYTES)
      this.leg.reads.holdUntilDrained(this.clientSocket, "client");
  }

  /** Answers the `monitor` requests that have reached the head of the reply order. */
  private answerDueMonitors(): void {
    for (let due = this.order.takeDue(); due > 0; due -= 1) {
      if (!this.authenticated) {
        this.toClientWrites.send('{"type":"error","message":"Not authenticated"}', false);
        continue;
      }
      if (!this.monitoring) {
        this.monitoring = true;
        this.ctx.hub.addMonitor(this.id, (copy) => this.sendCopy(copy));
        this.ctx.log.info("monitor started", { connection_id: this.id });
      }
      this.toClientWrites.send('{"type":"monitor_started","source":"tap"}', false);
    }
  }

  private setAuthenticated(success: boolean): void {
    this.authenticated = success;
    if (success && !this.everAuthenticated) {
      this.everAuthenticated = true;
      clearTimeout(this.authTimer);
      this.admission.release();
    }
    // A failed auth de-authenticates the connection (PROTOCOL.md); its monitor stops with it.
    if (!success) this.monitoring = false;
  }

  private sendCopy(copy: string): void {
    if (!this.monitoring || this.client.readyState !== WebSocket.OPEN) return;
    if (this.client.bufferedAmount > MONITOR_BACKLOG_BYTES) return;
    this.toClientWrites.send(copy, false);
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
    clearTimeout(this.authTimer);
    this.admission.release();
    this.ctx.hub.removeConnection(this.id);
    this.ctx.onClosed(this);
    this.resolveClosed();
  }
}
