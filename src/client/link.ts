import type { Socket } from "node:net";
import WebSocket from "ws";
import { maskToken } from "../config/mask.js";
import type { ServerEvent } from "../protocol/events.js";
import { FrameOrder, type ParsedEvent, readEvent } from "../protocol/frame.js";
import type { ClientMessage } from "../protocol/messages.js";
import {
  AuthenticationError,
  ConnectionLostError,
  FrameTooBigError,
  NotConnectedError,
  TimeoutError,
} from "./errors.js";
import { Heartbeat } from "./heartbeat.js";
import { PendingRequest } from "./pending.js";
import { type ProtocolWarning, type ReminderBroadcast, ReplyQueue } from "./reply-queue.js";
import {
  closeDetail,
  closedEarlyError,
  connectionErrorFrom,
  connectTimeoutError,
  handshakeError,
  notSupervisorError,
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
  /** The largest frame written, for the error of a 1009 close. */
  private largestSent = 0;
  /** The TCP socket under ws, corked during an event-loop pass that sends (undefined for a fake ws). */
  private socket: Socket | undefined;
  private corked = false;
  /** The clock when the socket was corked: the time of every request of that pass. */
  private passAt = 0;
  /** What came before the auth reply that was not one (an echo, another protocol), to name it. */
  private readonly beforeAuth: string[] = [];

  constructor(
    private readonly settings: LinkSettings,
    private readonly hooks: LinkHooks,
  ) {
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

  /**
   * Writes a request and puts it in the reply FIFO; `now` is its send time (the caller's clock read).
   * The writes of one event-loop pass leave in one syscall: the socket is corked at the first and
   * uncorked on the next tick, as the supervisor does (a profile at 32 in flight had writev at 37% of
   * the client's CPU, one call per request).
   */
  send(request: PendingRequest, now: number): void {
    request.sentAt = now;
    this.replies.push(request);
    const text = request.text;
    this.largestSent = Math.max(this.largestSent, Buffer.byteLength(text));
    const socket = this.socket;
    if (socket !== undefined && !this.corked) {
      this.corked = true;
      this.passAt = now;
      socket.cork();
      process.nextTick(this.uncork);
    }
    (this.ws as WebSocket).send(text);
    this.hooks.onSent(request.message);
  }

  /**
   * The clock, read once per pass that sends: the requests of a pass leave together at its end, so
   * one read serves their deadlines and send times (a clock read was ~0.1 us, once per request).
   */
  now(): number {
    return this.corked ? this.passAt : this.settings.clock.now();
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.socket?.uncork();
  };

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
        this.fail(error instanceof TimeoutError ? this.notSupervisor(error) : error);
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
      // ws's own socket: a custom createWebSocket may hand back something without one.
      const socket = (this.ws as unknown as { _socket?: Socket } | undefined)?._socket;
      if (typeof socket?.cork === "function") this.socket = socket;
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
    if (!this.settled && outcome.kind === "other" && this.beforeAuth.length < 3) {
      if (parsed.kind === "unknown") this.beforeAuth.push(`\`${parsed.type}\``);
      else if (parsed.kind === "invalid") this.beforeAuth.push(`a frame that is ${parsed.reason}`);
    }
    this.hooks.onEvent(parsed);
    if (outcome.kind === "reminder") this.hooks.onReminder(outcome.reminder);
    else if (outcome.kind === "warning") {
      this.hooks.onWarning(outcome.warning);
      // Before auth only auth is waiting: a reply of another type means this is not a supervisor.
      if (!this.settled) {
        const type =
          parsed.kind === "reply" ? parsed.event.type : (parsed as { replyType?: string }).replyType;
        this.fail(notSupervisorError(this.settings.displayUrl, `\`${type}\``, "instead of auth_result"));
        this.ws?.terminate();
      }
    }
  }

  /** An auth timeout after frames that were no auth reply: the server speaks something else. */
  private notSupervisor(timeout: TimeoutError): Error {
    if (this.beforeAuth.length === 0) return timeout;
    return notSupervisorError(
      this.settings.displayUrl,
      this.beforeAuth.join(", "),
      `but no auth_result within ${timeout.timeoutMs} ms`,
    );
  }

  private onClose(code: number, reason: string): void {
    if (!this.settled) this.fail(this.failure ?? closedEarlyError(this.settings.displayUrl, code, reason));
    if (code === MESSAGE_TOO_BIG && this.largestSent > 0)
      this.lose("", new FrameTooBigError(this.largestSent));
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
