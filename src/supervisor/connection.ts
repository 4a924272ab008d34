import type { Socket } from "node:net";
import type { RawData, WebSocket } from "ws";
import { PassCork } from "../pass-cork.js";
import type { ClientMessage, EmailReceivedMessage, SmsReceivedMessage } from "../protocol/messages.js";
import { OUTPUT_HIGH_BYTES, ReadGate } from "./backpressure.js";
import { type AuthContext, ConnectionAuth } from "./connection-auth.js";
import { CLOSE, FloodLimiter } from "./hardening.js";
import type { Logger } from "./log.js";
import type { LogTally } from "./log-tally.js";
import { formatError, MONITOR_STARTED, NOT_AUTHENTICATED, PONG, parseIncoming } from "./replies.js";
import { replyText } from "./reply-text.js";
import { AnswerLog, answerLater, answerNow, answersAtOnce } from "./respond.js";
import { writeTextFrame } from "./text-frame.js";
import type { TrafficHub, TrafficLink } from "./traffic-hub.js";
import type { Responder } from "./types.js";
import type { UnconfiguredAnswer } from "./unconfigured.js";

type Json = Record<string, unknown>;

/** A monitor whose socket has this much unsent data loses traffic copies until it catches up. */
const MONITOR_BACKLOG_BYTES = 4 * 1024 * 1024;
/**
 * Read-ahead bounds: past these many unanswered messages (or bytes of them) the socket is no longer
 * read until the queue is down to a quarter, as the Rust server, reading one message at a time, does.
 */
export const QUEUE_HIGH = 256;
const QUEUE_HIGH_BYTES = 4 * 1024 * 1024;
/** An evicted connection that does not finish the closing handshake in this time is dropped. */
const EVICT_GRACE_MS = 1000;

/** What a connection shares with its server. */
export interface ConnectionContext extends AuthContext {
  hub: TrafficHub;
  log: Logger;
  responder: Responder;
  delayMs: number;
  responderTimeoutMs: number;
  floodMaxErrors: number;
  floodWindowMs: number;
  /** Counts the answers past the rate logged one by one (respond.ts); undefined: every one is logged. */
  answerLines: LogTally | undefined;
  /** The answers of the features the Rust server has not configured (suggestions, TTS, Claude Code, scheduler). */
  unconfigured: UnconfiguredAnswer;
  /** Called once, on the connection's first successful auth. */
  onFirstAuth: (connection: SupervisorConnection) => void;
}

/** A reply, or the work that produces it, waiting for its turn. */
interface Job {
  event?: Json;
  run?: () => Promise<Json>;
  after?: () => void;
}

/**
 * One client of the dev supervisor: reads its messages in order, answers each text message exactly
 * once and in order (a slow responder holds back the later replies, as the Rust server's sequential
 * loop does), and keeps the auth flag exactly as PROTOCOL.md describes.
 */
export class SupervisorConnection {
  /** Cleared by each ping sweep, set again by the client's pong. */
  alive = true;
  /** Replies waiting behind a slow one; made on first use (a connection answered at once never needs it). */
  private queue: Job[] | undefined;
  /** Whether `drain` runs: while it does not, nothing is queued. */
  private draining = false;
  /** Input is ignored from now on (closing, or a flooder waiting for its last reply). */
  private stopped = false;
  private closeSent = false;
  private disposed = false;
  // Made on first use: thousands of connections that only send SMS never need most of these.
  private abort: AbortController | undefined;
  private flood: FloodLimiter | undefined;
  private answers: AnswerLog | undefined;
  private whenClosed: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Replies sent in one pass leave in one write. */
  private readonly cork: PassCork;
  private queuedBytes = 0;
  private readonly auth: ConnectionAuth;
  // Made on first hold: a client that reads its replies is never paused.
  private reads: ReadGate | undefined;
  /** This connection's place in the traffic feed (its pairing queue at hand). */
  private readonly traffic: TrafficLink;
  /** No extension negotiated: replies are framed here (text-frame.ts), not by ws. */
  private readonly plainFrames: boolean;

  /** `socket` is the TCP socket under `ws`: replies sent in one tick leave in one write. */
  constructor(
    readonly id: string,
    private readonly ws: WebSocket,
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    this.cork = new PassCork(socket);
    this.traffic = ctx.hub.link(id);
    this.plainFrames = ws.extensions === "";
    this.auth = new ConnectionAuth(id, ctx, (code, reason) => this.close(code, reason));
  }

  /** A frame from the client. */
  onMessage(data: RawData, isBinary: boolean): void {
    if (this.stopped) return;
    const buffer = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    if (isBinary) {
      // The Rust server ignores binary frames: no reply, but the feed shows them.
      this.ctx.hub.inboundOn(this.traffic, buffer, true);
      return;
    }
    const text = buffer.toString("utf8");
    this.ctx.hub.inboundOn(this.traffic, text, false);
    this.handleText(text);
  }

  /** Settles once the socket has closed and the connection is disposed. */
  get closed(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.whenClosed) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.whenClosed = { promise, resolve };
    }
    return this.whenClosed.promise;
  }

  /** Sends a broadcast event (not a reply) to this client. */
  broadcast(event: Json): void {
    if (!this.stopped) this.emit(event);
  }

  /** Closes the socket with a code; later frames are ignored. */
  close(code: number, reason: string): void {
    this.stopped = true;
    if (this.closeSent) return;
    this.closeSent = true;
    this.ws.close(code, reason);
  }

  /** Pings the client; its pong sets `alive` again. */
  ping(): void {
    this.alive = false;
    this.ws.ping();
  }

  /** Whether reading is paused (backpressure): its pongs wait unread, so it cannot be judged dead. */
  get paused(): boolean {
    return this.reads?.paused ?? false;
  }

  /** Makes room for a newcomer: closes with 1013 and drops the socket soon if the client does not answer. */
  evict(): void {
    this.close(CLOSE.tryAgainLater, "Too many unauthenticated connections");
    setTimeout(() => this.terminate(), EVICT_GRACE_MS).unref();
  }

  /** Drops the socket without a closing handshake (a dead client). */
  terminate(): void {
    this.stopped = true;
    this.ws.terminate();
  }

  /** The socket is gone: stop pending work and forget the connection. */
  dispose(): void {
    this.disposed = true;
    this.whenClosed?.resolve();
    this.stopped = true;
    this.auth.dispose();
    this.abort?.abort();
    if (this.queue) this.queue.length = 0;
    this.ctx.hub.removeConnection(this.id);
  }

  private handleText(text: string): void {
    const parsed = parseIncoming(text);
    if (!parsed.ok) {
      this.ctx.log.warn("invalid message format", { connection: this.id, detail: parsed.detail });
      this.flood ??= new FloodLimiter(this.ctx.floodMaxErrors, this.ctx.floodWindowMs);
      const flooding = this.ctx.floodMaxErrors > 0 && this.flood.hit();
      this.enqueue({
        event: formatError(parsed.detail),
        after: flooding ? () => this.closeFlooder() : undefined,
      });
      if (flooding) this.stopped = true;
      return;
    }
    this.enqueue(this.jobFor(parsed.message), text.length);
  }

  private jobFor(message: ClientMessage): Job {
    switch (message.type) {
      case "ping":
        return { event: PONG };
      case "auth":
        return this.authJob(message.token);
    }
    if (!this.auth.authenticated) return { event: NOT_AUTHENTICATED };
    switch (message.type) {
      case "sms_received":
      case "email_received":
        return this.answerJob(message);
      case "monitor":
        return { event: MONITOR_STARTED, after: () => this.startMonitor() };
      default:
        return { event: this.ctx.unconfigured(message) };
    }
  }

  /** A failed auth stops the `monitor` copies once its reply is out (in reply order, after an earlier `monitor`). */
  private authJob(token: string): Job {
    const event = this.auth.check(token, () => this.ctx.onFirstAuth(this));
    if (this.auth.authenticated) return { event };
    // A guesser's later frames are ignored; the connection closes once this reply is out.
    const guessing = this.auth.guessing;
    if (guessing) this.stopped = true;
    return {
      event,
      after: () => {
        this.ctx.hub.removeMonitor(this.id);
        if (guessing) this.closeGuesser();
      },
    };
  }

  private answerJob(message: SmsReceivedMessage | EmailReceivedMessage): Job {
    const { responder, delayMs, responderTimeoutMs, log } = this.ctx;
    this.answers ??= new AnswerLog(this.id, this.ctx.answerLines);
    if (answersAtOnce(responder, delayMs)) return { event: answerNow(message, responder, log, this.answers) };
    this.abort ??= new AbortController();
    const options = { responder, delayMs, timeoutMs: responderTimeoutMs, log, signal: this.abort.signal };
    return { run: answerLater(message, options, this.answers) };
  }

  private startMonitor(): void {
    const ws = this.ws;
    this.ctx.hub.addMonitor(this.id, (text) => {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < MONITOR_BACKLOG_BYTES) ws.send(text);
    });
    this.ctx.log.info("monitor subscribed", { connection: this.id });
  }

  private closeFlooder(): void {
    this.ctx.log.warn("closing a client that floods invalid messages", {
      connection: this.id,
      limit: `${this.ctx.floodMaxErrors} per ${this.ctx.floodWindowMs} ms`,
    });
    this.close(CLOSE.policy, "Too many invalid messages");
  }

  private closeGuesser(): void {
    this.ctx.log.warn("closing a connection after repeated failed auths", {
      connection: this.id,
      failed: this.auth.failedInARow,
    });
    this.close(CLOSE.policy, "Too many failed authentications");
  }

  private enqueue(job: Job, bytes = 0): void {
    // Nothing waits unless `drain` runs: an answer ready at once goes out at once, the queue untouched.
    if (!this.draining && job.event) {
      this.emit(job.event);
      job.after?.();
      return;
    }
    this.queue ??= [];
    this.queue.push(job);
    this.queuedBytes += bytes;
    if (this.queue.length >= QUEUE_HIGH || this.queuedBytes >= QUEUE_HIGH_BYTES) this.gate().hold("queue");
    if (!this.draining) void this.drain(this.queue);
  }

  private gate(): ReadGate {
    this.reads ??= new ReadGate(this.ws);
    return this.reads;
  }

  private async drain(queue: Job[]): Promise<void> {
    this.draining = true;
    for (let job = queue.shift(); job; job = queue.shift()) {
      const event = job.event ?? (await job.run?.());
      if (this.disposed) break;
      if (event) this.emit(event);
      job.after?.();
      if (queue.length <= QUEUE_HIGH / 4) {
        this.queuedBytes = 0;
        this.reads?.release("queue");
      }
    }
    this.queuedBytes = 0;
    this.reads?.release("queue");
    this.draining = false;
  }

  private emit(event: Json): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const text = replyText(event);
    this.cork.open();
    // Without an extension (the server never offers one) ws would write the same bytes.
    if (this.plainFrames) writeTextFrame(this.socket, text);
    else this.ws.send(text);
    this.ctx.hub.outboundOn(this.traffic, text, event);
    // A client that does not read its replies is not read either, until its socket drains.
    if (this.socket.writableLength > OUTPUT_HIGH_BYTES) this.gate().holdUntilDrained(this.socket, "output");
  }
}
