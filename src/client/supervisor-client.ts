import { EventEmitter } from "node:events";
import type { EmailReply, ServerEvent, SmsReply } from "../protocol/events.js";
import type { ClientMessage, EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { backoffDelay } from "./backoff.js";
import {
  AuthenticationError,
  type ConnectionLostError,
  NotConnectedError,
  type XswarmError,
} from "./errors.js";
import { Link } from "./link.js";
import { DISCONNECTED, disconnectedError, notReadyError, queueFullError } from "./not-connected.js";
import { type ClientSettings, requestTimeout, resolveSettings } from "./options.js";
import { checkedMessage, emailMessage, PING_MESSAGE, smsMessage } from "./outgoing.js";
import { PendingRequest } from "./pending.js";
import { SendQueue } from "./send-queue.js";
import type {
  ConnectionState,
  SendOptions,
  SupervisorClientEvents,
  SupervisorClientOptions,
} from "./types.js";

/**
 * The settling functions of the promise just made. One executor for every request, not a closure per
 * call (with its context: two more objects per request to make and collect).
 */
const captured: { resolve: (event: ServerEvent) => void; reject: (error: Error) => void } = {
  resolve: () => {},
  reject: () => {},
};
function capture(resolve: (event: ServerEvent) => void, reject: (error: Error) => void): void {
  captured.resolve = resolve;
  captured.reject = reject;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * A client of the supervisor link: one WebSocket, authenticated, with replies matched to requests
 * in order, reconnect with backoff, heartbeat and a bounded queue for `waitForReady` sends.
 *
 * Events: `state` (ConnectionState), `event` (every parsed incoming frame), `sent` (every message written,
 * the auth token masked), `reminder` (a `send_*_response` broadcast that is not a reply), `protocol_warning`
 * (a reply that fits no waiting request: counted and shown, never thrown).
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
  /** Why the last ready connection was lost, for the error of a send that finds none. */
  private lastLoss: string | undefined;

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
   * connection rejects (ConnectionError, TimeoutError, AuthenticationError) and is not retried, unless
   * `retryFirstConnection` is set (then only an AuthenticationError or giving up rejects);
   * while the client is reconnecting, resolves at the next successful auth.
   */
  connect(): Promise<void> {
    if (this.current.status === "ready") return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    const busy = this.link !== undefined || this.reconnectTimer !== undefined;
    if (!busy) {
      this.lastLoss = undefined;
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
    const error = disconnectedError();
    this.queue.failAll(error);
    this.settleWaiters(error);
    if (this.current.status !== "closed" || this.current.error !== undefined) {
      this.setState({ status: "closed", reason: DISCONNECTED });
    }
  }

  /** Sends `sms_received`; resolves with `message_acknowledged` or `send_sms_response`. */
  sendSmsEvent(input: SmsEventInput, options?: SendOptions): Promise<SmsReply> {
    return this.send(smsMessage(input), options) as Promise<SmsReply>;
  }

  /** Sends `email_received`; resolves with `message_acknowledged` or `send_email_response`. */
  sendEmailEvent(input: EmailEventInput, options?: SendOptions): Promise<EmailReply> {
    return this.send(emailMessage(input), options) as Promise<EmailReply>;
  }

  /** Sends a JSON `ping`; resolves with the round-trip time in ms, from the write to the `pong`. */
  ping(options?: SendOptions): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const request = this.submit(
        PING_MESSAGE,
        options,
        () => resolve(this.settings.clock.now() - request.sentAt),
        reject,
      );
    });
  }

  /**
   * Sends any client message (validated first) and resolves with its reply. An `error` reply rejects
   * with SupervisorError; a reply of the wrong type with ProtocolError. `auth` is refused: connect() sends it.
   */
  request(message: ClientMessage, options?: SendOptions): Promise<ServerEvent> {
    let checked: Promise<ClientMessage>;
    try {
      checked = checkedMessage(message);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.send(checked, options);
  }

  private send(
    message: ClientMessage | Promise<ClientMessage>,
    options: SendOptions | undefined,
  ): Promise<ServerEvent> {
    // A message checked by zod's schemas (loaded on first use) leaves once they have checked it.
    if (message instanceof Promise) return message.then((checked) => this.send(checked, options));
    const promise = new Promise<ServerEvent>(capture);
    const resolve = captured.resolve;
    const reject = captured.reject;
    try {
      this.submit(message, options, resolve, reject);
    } catch (error) {
      // As from an executor: a bad `timeoutMs` rejects the promise, it does not throw.
      reject(error as Error);
    }
    return promise;
  }

  /**
   * Makes the request and writes it, or queues it (`waitForReady`), or rejects it. Its deadline runs
   * from now; one clock read serves it and, when it leaves at once, its send time (and those of the
   * other requests of the same pass: Link.now).
   */
  private submit(
    message: ClientMessage,
    options: SendOptions | undefined,
    resolve: (event: ServerEvent) => void,
    reject: (error: Error) => void,
  ): PendingRequest {
    const timeoutMs = requestTimeout(options, this.settings.requestTimeoutMs);
    const link = this.current.status === "ready" ? this.link : undefined;
    const now = link !== undefined ? link.now() : this.settings.clock.now();
    const request = new PendingRequest(message, now + timeoutMs, timeoutMs, resolve, reject);
    if (link !== undefined) link.send(request, now);
    else if (options?.waitForReady !== true) request.reject(notReadyError(this.current, this.lastLoss));
    else if (this.authError !== undefined) request.reject(this.authError);
    else if (this.stopped) request.reject(disconnectedError());
    else if (!this.queue.add(request)) request.reject(queueFullError(this.settings.queue));
    return request;
  }

  private startLink(attempt: number): void {
    const link: Link = new Link(this.settings, {
      onAuthenticating: () => {
        if (this.link === link) this.setState({ status: "authenticating" });
      },
      // Asked first: emit() with nobody listening still makes its arguments' array, twice a request.
      onEvent: (parsed) => {
        if (this.listenerCount("event") > 0) this.emit("event", parsed);
      },
      onSent: (message) => {
        if (this.listenerCount("sent") > 0) this.emit("sent", message);
      },
      onReminder: (reminder) => this.emit("reminder", reminder),
      onWarning: (warning) => this.emit("protocol_warning", warning),
      onLost: (error, detail) => this.onLost(link, error, detail),
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
    const now = this.settings.clock.now();
    for (const request of this.queue.drain()) {
      if (this.link !== link || !link.ready) {
        request.reject(new NotConnectedError("WebSocket not connected (lost while sending the queue)"));
      } else link.send(request, now);
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
    } else if (attempt === 0 && !this.settings.retryFirstConnection) {
      this.setState({ status: "closed", reason: error.message, error });
      this.settleWaiters(error);
    } else this.scheduleReconnect(error);
  }

  private onLost(link: Link, error: ConnectionLostError, detail: string): void {
    if (this.link !== link) return;
    this.link = undefined;
    this.lastLoss = detail;
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
