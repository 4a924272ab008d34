import WebSocket from "ws";
import { maskToken } from "../config/mask.js";
import type { ServerEvent } from "../protocol/events.js";
import { FrameOrder, type ParsedEvent, readEvent } from "../protocol/frame.js";
import type { ClientMessage } from "../protocol/messages.js";
import { BeforeAuth } from "./before-auth.js";
import {
  AuthenticationError,
  ConnectionLostError,
  FrameTooBigError,
  NotConnectedError,
  TimeoutError,
} from "./errors.js";
import { Heartbeat } from "./heartbeat.js";
import { systemClock } from "./options.js";
import { PassWriter } from "./pass-writer.js";
import { PendingRequest } from "./pending.js";
import { type ProtocolWarning, type ReminderBroadcast, ReplyQueue } from "./reply-queue.js";
import {
  closeDetail,
  closedEarlyError,
  connectionErrorFrom,
  connectTimeoutError,
  handshakeError,
  watchTcpConnect,
} from "./socket-errors.js";
import type { Clock } from "./types.js";

/** What one connection needs to know. */
export interface LinkSettings {
  url: string;
  /** The URL as it may be shown (token masked). */
  displayUrl: string;
  authToken: string;
  connectTimeoutMs: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  createWebSocket: (url: string) => WebSocket;
  clock: Clock;
}

export interface LinkHooks {
  onAuthenticating(): void;
  onEvent(parsed: ParsedEvent): void;
  onSent(message: ClientMessage): void;
  onReminder(reminder: ReminderBroadcast): void;
  onWarning(warning: ProtocolWarning): void;
  /** A link that had become ready is gone (closed, errored, or its heartbeat went unanswered). */
  onLost(error: ConnectionLostError, detail: string): void;
}

/** Close code: a frame was over the peer's size limit. */
const MESSAGE_TOO_BIG = 1009;

/** How long a close handshake may take before the socket is cut. */
const CLOSE_GRACE_MS = 1000;

/**
 * One WebSocket connection from open to close: auth handshake, heartbeat, reply correlation.
 * It never reconnects; the client makes a new Link for that.
 */
export class Link {
  readonly replies: ReplyQueue<PendingRequest>;
  ready = false;
  private ws: WebSocket | undefined;
  private settled = false;
  private resolveOpen: () => void = () => {};
  private rejectOpen: (error: Error) => void = () => {};
  private failure: Error | undefined;
  private connectTimer: unknown;
  private readonly order = new FrameOrder();
  private readonly heartbeat: Heartbeat;
  private ended = false;
  private readonly writer: PassWriter;
  /** What came before the auth reply that was not one (an echo, another protocol), to name it. */
  private readonly beforeAuth: BeforeAuth;

  constructor(
    private readonly settings: LinkSettings,
    private readonly hooks: LinkHooks,
  ) {
    this.writer = new PassWriter(settings.clock, settings.clock === systemClock);
    this.beforeAuth = new BeforeAuth(settings.displayUrl);
    this.replies = new ReplyQueue<PendingRequest>(settings.clock, {
      onExpired: () => this.heartbeat.requestsExpired(),
    });
    this.heartbeat = new Heartbeat(
      settings.clock,
      settings.heartbeatIntervalMs,
      settings.heartbeatTimeoutMs,
      {
        ping: () => {
          if (this.ws?.readyState !== WebSocket.OPEN) return false;
          this.ws.ping();
          return true;
        },
        waiting: () => this.replies.waiting,
        dead: (detail) => {
          this.lose(detail);
          this.ws?.terminate();
        },
      },
    );
  }

  /**
   * Opens the socket and authenticates. Rejects with ConnectionError (also when TCP connects but the
   * WebSocket handshake gets no answer in time), TimeoutError or AuthenticationError.
   */
  open(): Promise<void> {
    const { clock, connectTimeoutMs } = this.settings;
    const opened = new Promise<void>((resolve, reject) => {
      this.resolveOpen = resolve;
      this.rejectOpen = reject;
    });
    let ws: WebSocket;
    try {
      ws = this.settings.createWebSocket(this.settings.url);
    } catch (error) {
      this.fail(connectionErrorFrom(error, this.settings.displayUrl));
      return opened;
    }
    this.ws = ws;
    const startedAt = clock.now();
    const tcpConnected = watchTcpConnect(ws);
    this.connectTimer = clock.setTimeout(() => {
      this.fail(connectTimeoutError(this.settings.displayUrl, connectTimeoutMs, tcpConnected()));
      ws.terminate();
    }, connectTimeoutMs);
    ws.on("unexpected-response", (_req, res) => {
      this.fail(handshakeError(this.settings.displayUrl, res.statusCode));
      ws.terminate();
    });
    ws.on("error", (error) => {
      this.fail(connectionErrorFrom(error, this.settings.displayUrl));
    });
    ws.on("open", () => this.authenticate(ws, startedAt));
    ws.on("message", this.onMessage);
    ws.on("pong", () => this.heartbeat.pong());
    ws.on("ping", () => this.heartbeat.heardFrame());
    // After the frames before it, also one that waits for the schemas.
    ws.on("close", (code, reason) => this.order.run(() => this.onClose(code, reason.toString())));
    return opened;
  }

  /** Writes a request and puts it in the reply FIFO; `now` is what `now()` gave the caller. */
  send(request: PendingRequest, now: number): void {
    request.sentAt = now;
    this.replies.push(request);
    this.writer.write(this.ws as WebSocket, request.text, now);
    this.hooks.onSent(request.message);
  }

  /** The clock for a request's deadline and send time: read once per pass that sends (PassWriter). */
  now(): number {
    return this.writer.now();
  }

  /**
   * Closes on purpose: a pending `open()` and in-flight requests reject at once; no `onLost`. A peer
   * that left a request or a ping unanswered is not asked for a close handshake (ws would wait 30 s
   * for it, holding the process): its socket is cut at once. Any other gets CLOSE_GRACE_MS to answer.
   */
  close(reason: string): void {
    const silent = this.replies.size > 0 || this.heartbeat.awaitingPong;
    this.fail(new NotConnectedError(`WebSocket not connected: ${reason}`));
    this.end(new ConnectionLostError(`Connection closed: ${reason}`));
    const ws = this.ws;
    if (ws === undefined) return;
    if (ws.readyState !== WebSocket.OPEN || silent) {
      ws.terminate();
      return;
    }
    ws.close(1000, "client disconnect");
    const grace = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    grace.unref();
    ws.once("close", () => clearTimeout(grace));
  }

  private authenticate(ws: WebSocket, startedAt: number): void {
    const { clock, connectTimeoutMs, authToken } = this.settings;
    clock.clearTimeout(this.connectTimer);
    if (this.settled) return;
    this.hooks.onAuthenticating();
    const deadline = startedAt + connectTimeoutMs;
    const auth = new PendingRequest(
      { type: "auth", token: authToken },
      deadline,
      connectTimeoutMs,
      (event) => this.onAuthResult(event),
      (error) => {
        this.fail(error instanceof TimeoutError ? this.beforeAuth.timedOut(error) : error);
        ws.terminate();
      },
    );
    this.replies.push(auth);
    ws.send(auth.text);
    this.hooks.onSent({ type: "auth", token: maskToken(authToken) });
  }

  private onAuthResult(event: ServerEvent): void {
    if (event.type === "auth_result" && event.success) {
      this.ready = true;
      this.writer.corkFrom(this.ws);
      this.settled = true;
      this.heartbeat.start();
      this.resolveOpen();
      return;
    }
    const message = event.type === "auth_result" ? event.message : event.type;
    const error = new AuthenticationError(message, maskToken(this.settings.authToken));
    this.fail(error);
    // Nothing more goes out on it: its timers stop now, not when the close handshake ends.
    this.end(error);
    this.ws?.close(1000, "authentication failed");
  }

  private readonly onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
    this.heartbeat.heardFrame();
    // Run at once when no frame waits for the schemas: no closure per frame on the hot path.
    if (this.order.idle) this.order.follow(this.onFrame(data, isBinary));
    else this.order.run(() => this.onFrame(data, isBinary));
  };

  /** Handles a frame now, or once zod's schemas are loaded for an odd one (the promise then). */
  private onFrame(data: WebSocket.RawData, isBinary: boolean): Promise<void> | undefined {
    if (isBinary) {
      const bytes = Buffer.isBuffer(data) ? data.length : 0;
      this.hooks.onEvent({ kind: "invalid", reason: `binary frame (${bytes} bytes)`, text: "" });
      return undefined;
    }
    const parsed = readEvent(data.toString());
    if (parsed instanceof Promise) return parsed.then((event) => this.onParsed(event));
    this.onParsed(parsed);
    return undefined;
  }

  private onParsed(parsed: ParsedEvent): void {
    const outcome = this.replies.receive(parsed);
    if (!this.settled && outcome.kind === "other") this.beforeAuth.note(parsed);
    this.hooks.onEvent(parsed);
    if (outcome.kind === "reminder") this.hooks.onReminder(outcome.reminder);
    else if (outcome.kind === "warning") {
      this.hooks.onWarning(outcome.warning);
      if (!this.settled) {
        this.fail(this.beforeAuth.wrongReply(parsed));
        this.ws?.terminate();
      }
    }
  }

  private onClose(code: number, reason: string): void {
    if (!this.settled) this.fail(this.failure ?? closedEarlyError(this.settings.displayUrl, code, reason));
    if (code === MESSAGE_TOO_BIG && this.writer.largest > 0)
      this.lose("", new FrameTooBigError(this.writer.largest));
    else this.lose(`connection closed (${closeDetail(code, reason)})`);
  }

  /** The first failure wins: it is what `open()` rejects with. */
  private fail(error: Error): void {
    this.failure ??= error;
    if (this.settled) return;
    this.settled = true;
    this.rejectOpen(error);
  }

  private lose(detail: string, cause?: FrameTooBigError): void {
    if (this.ended) return;
    const wasReady = this.ready;
    const lost = new ConnectionLostError(
      `Connection to the supervisor was lost: ${detail || cause?.message}`,
    );
    // Requests in flight fail with the cause when there is one: it says more than "lost".
    this.end(cause ?? lost);
    if (wasReady) this.hooks.onLost(lost, detail || (cause?.message ?? ""));
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.ready = false;
    const { clock } = this.settings;
    clock.clearTimeout(this.connectTimer);
    this.heartbeat.stop();
    this.replies.failAll(error);
  }
}
