import { EventEmitter } from "node:events";
import { ValidationError, validate } from "../protocol/errors.js";
import type { EmailReply, ServerEvent, SmsReply } from "../protocol/events.js";
import {
  ClientMessage,
  EmailEventInput,
  type EmailReceivedMessage,
  SmsEventInput,
  type SmsReceivedMessage,
} from "../protocol/messages.js";
import { backoffDelay } from "./backoff.js";
import {
  AuthenticationError,
  type ConnectionLostError,
  NotConnectedError,
  type XswarmError,
} from "./errors.js";
import { EXPECTATIONS, type Expectation, expectationFor, PING_EXPECTATION } from "./expectations.js";
import { Link } from "./link.js";
import { type ClientSettings, resolveSettings } from "./options.js";
import { PendingRequest } from "./pending.js";
import { SendQueue } from "./send-queue.js";
import type {
  ConnectionState,
  SendOptions,
  SupervisorClientEvents,
  SupervisorClientOptions,
} from "./types.js";

const SMS = EXPECTATIONS.sms_received as Expectation;
const EMAIL = EXPECTATIONS.email_received as Expectation;
const PING_MESSAGE: ClientMessage = { type: "ping" };
const PING_TEXT = JSON.stringify(PING_MESSAGE);
const DISCONNECTED = "disconnect() was called";

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * A client of the supervisor link: one WebSocket, authenticated, with replies matched to requests
 * in order, reconnect with backoff, heartbeat and a bounded queue for `waitForReady` sends.
 *
 * Events: `state` (ConnectionState), `event` (every parsed incoming frame), `sent` (every message written,
 * the auth token masked).
 */
export class SupervisorClient extends EventEmitter<SupervisorClientEvents> {
  private readonly settings: ClientSettings;
  private readonly queue: SendQueue;
  private link: Link | undefined;
  private current: ConnectionState = { status: "idle" };
  private waiters: Waiter[] = [];
  private attempt = 0;
  private reconnectTimer: unknown;
  private stopped = false;
  private authError: AuthenticationError | undefined;

  /** Throws ValidationError for an option out of range. Opens nothing until `connect()`. */
  constructor(options: SupervisorClientOptions = {}) {
    super();
    this.settings = resolveSettings(options);
    this.queue = new SendQueue(this.settings.queue, this.settings.clock);
  }

  /** The supervisor URL this client connects to. */
  get url(): string {
    return this.settings.url;
  }

  /** Where the connection stands now. */
  get state(): ConnectionState {
    return this.current;
  }

  /** True when connected and authenticated: a send goes out at once. */
  isReady(): boolean {
    return this.current.status === "ready";
  }

  /**
   * Opens the socket and authenticates; resolves once `auth_result` says success. A failed first
   * connection rejects (ConnectionError, TimeoutError, AuthenticationError) and is not retried;
   * while the client is reconnecting, resolves at the next successful auth.
   */
  connect(): Promise<void> {
    if (this.current.status === "ready") return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    const busy = this.link !== undefined || this.reconnectTimer !== undefined;
    if (!busy) {
      this.stopped = false;
      this.authError = undefined;
      this.attempt = 0;
      this.startLink(0);
    }
    return ready;
  }

  /** Closes the connection for good: no reconnect; in-flight and queued sends reject at once. */
  disconnect(): void {
    this.stopped = true;
    if (this.reconnectTimer !== undefined) this.settings.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const link = this.link;
    this.link = undefined;
    link?.close(DISCONNECTED);
    const error = new NotConnectedError(`WebSocket not connected: ${DISCONNECTED}`);
    this.queue.failAll(error);
    this.settleWaiters(error);
    if (this.current.status !== "closed" || this.current.error !== undefined) {
      this.setState({ status: "closed", reason: DISCONNECTED });
    }
  }

  /** Sends `sms_received`; resolves with `message_acknowledged` or `send_sms_response`. */
  sendSmsEvent(input: SmsEventInput, options?: SendOptions): Promise<SmsReply> {
    let message: SmsReceivedMessage;
    try {
      const v = validate(SmsEventInput, input, "SMS event");
      message = { type: "sms_received", from: v.from, to: v.to, message: v.message, user: v.user };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.dispatch(message, JSON.stringify(message), SMS, options) as Promise<SmsReply>;
  }

  /** Sends `email_received`; resolves with `message_acknowledged` or `send_email_response`. */
  sendEmailEvent(input: EmailEventInput, options?: SendOptions): Promise<EmailReply> {
    let message: EmailReceivedMessage;
    try {
      const v = validate(EmailEventInput, input, "email event");
      message = {
        type: "email_received",
        from: v.from,
        to: v.to,
        subject: v.subject,
        body: v.body,
        user: v.user,
      };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.dispatch(message, JSON.stringify(message), EMAIL, options) as Promise<EmailReply>;
  }

  /** Sends a JSON `ping`; resolves with the round-trip time in ms, from the write to the `pong`. */
  ping(options?: SendOptions): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timeoutMs = this.timeoutOf(options);
      const request: PendingRequest = new PendingRequest(
        PING_EXPECTATION,
        this.settings.clock.now() + timeoutMs,
        timeoutMs,
        () => resolve(this.settings.clock.now() - request.sentAt),
        reject,
      );
      this.submit(request, PING_MESSAGE, PING_TEXT, options);
    });
  }

  /**
   * Sends any client message (validated first) and resolves with its reply. An `error` reply rejects
   * with SupervisorError; a reply of the wrong type with ProtocolError. `auth` is refused: connect() sends it.
   */
  request(message: ClientMessage, options?: SendOptions): Promise<ServerEvent> {
    let valid: ClientMessage;
    try {
      if (message?.type === "auth") {
        throw new ValidationError("request", [
          { field: "type", message: "type: auth is sent by connect(); make a new client for another token" },
        ]);
      }
      valid = validate(ClientMessage, message, `${String(message?.type ?? "client")} message`);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.dispatch(valid, JSON.stringify(valid), expectationFor(valid.type), options);
  }

  private dispatch(
    message: ClientMessage,
    text: string,
    expectation: Expectation,
    options: SendOptions | undefined,
  ): Promise<ServerEvent> {
    return new Promise<ServerEvent>((resolve, reject) => {
      const timeoutMs = this.timeoutOf(options);
      const deadline = this.settings.clock.now() + timeoutMs;
      const request = new PendingRequest(expectation, deadline, timeoutMs, resolve, reject);
      this.submit(request, message, text, options);
    });
  }

  private submit(
    request: PendingRequest,
    message: ClientMessage,
    text: string,
    options: SendOptions | undefined,
  ): void {
    const link = this.link;
    if (link !== undefined && this.current.status === "ready") link.send(text, request, message);
    else if (options?.waitForReady !== true) {
      request.reject(new NotConnectedError(`WebSocket not connected (${this.current.status})`));
    } else if (this.authError !== undefined) request.reject(this.authError);
    else if (this.stopped) request.reject(new NotConnectedError(`WebSocket not connected: ${DISCONNECTED}`));
    else if (!this.queue.add(request, message, text)) {
      const { maxMessages, maxBytes } = this.settings.queue;
      const detail = `the send queue is full (${maxMessages} messages, ${maxBytes} bytes)`;
      request.reject(new NotConnectedError(`WebSocket not connected and ${detail}`));
    }
  }

  private timeoutOf(options: SendOptions | undefined): number {
    const timeoutMs = options?.timeoutMs;
    if (timeoutMs === undefined) return this.settings.requestTimeoutMs;
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) return timeoutMs;
    throw new ValidationError("send options", [{ field: "timeoutMs", message: "timeoutMs must be > 0" }]);
  }

  private startLink(attempt: number): void {
    const link: Link = new Link(this.settings, {
      onAuthenticating: () => {
        if (this.link === link) this.setState({ status: "authenticating" });
      },
      onEvent: (parsed) => this.emit("event", parsed),
      onSent: (message) => this.emit("sent", message),
      onLost: (error) => this.onLost(link, error),
    });
    this.link = link;
    this.setState({ status: "connecting", attempt });
    link.open().then(
      () => this.onReady(link),
      (error: XswarmError) => this.onFailed(link, error, attempt),
    );
  }

  private onReady(link: Link): void {
    if (this.link !== link) return;
    this.attempt = 0;
    this.setState({ status: "ready" });
    for (const item of this.queue.drain()) {
      if (this.link !== link || !link.ready) {
        item.request.reject(new NotConnectedError("WebSocket not connected (lost while sending the queue)"));
      } else link.send(item.text, item.request, item.message);
    }
    this.settleWaiters();
  }

  private onFailed(link: Link, error: XswarmError, attempt: number): void {
    if (this.link !== link) return;
    this.link = undefined;
    if (error instanceof AuthenticationError) {
      this.authError = error;
      this.setState({ status: "auth_failed", message: error.message });
      this.queue.failAll(error);
      this.settleWaiters(error);
    } else if (attempt === 0) {
      this.setState({ status: "closed", reason: error.message, error });
      this.settleWaiters(error);
    } else this.scheduleReconnect(error);
  }

  private onLost(link: Link, error: ConnectionLostError): void {
    if (this.link !== link) return;
    this.link = undefined;
    if (this.settings.reconnect === false) this.setState({ status: "closed", reason: error.message, error });
    else this.scheduleReconnect(error);
  }

  private scheduleReconnect(lastError: XswarmError): void {
    const backoff = this.settings.reconnect;
    if (backoff === false) return;
    this.attempt++;
    if (this.attempt > backoff.maxAttempts) {
      const reason = `gave up after ${backoff.maxAttempts} reconnect attempts: ${lastError.message}`;
      this.setState({ status: "closed", reason, error: lastError });
      this.settleWaiters(lastError);
      return;
    }
    const delayMs = backoffDelay(this.attempt, backoff, this.settings.random);
    this.setState({ status: "reconnecting", attempt: this.attempt, delayMs });
    this.reconnectTimer = this.settings.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.startLink(this.attempt);
    }, delayMs);
  }

  private settleWaiters(error?: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.emit("state", state);
  }
}
