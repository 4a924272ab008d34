import { EventEmitter, once } from "node:events";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { DEFAULT_TOKEN } from "../../src/config/types.js";
import { type ClientMessage, parseClientMessage } from "../../src/protocol/index.js";

/**
 * A small supervisor for tests that follows PROTOCOL.md to the letter: auth, exactly one reply per
 * text message in the order received, `Not authenticated`, `Invalid message format: ...`, binary
 * frames ignored, ping frames answered. Tests steer it: a responder decides each reply (delay it,
 * drop it, inject frames before it), `send`/`broadcast` inject anything between replies, and
 * `stop()` / `listen()` restart it on the same port.
 */

/** A frame to send: an object (as JSON), raw text, or a Buffer (binary). `null` from a responder: no reply. */
export type Frame = Record<string, unknown> | string | Buffer;

/** Decides the reply to an authenticated, well-formed message. May be async (the order is kept). */
export type Responder = (
  message: ClientMessage,
  connection: ServerConnection,
) => Frame | null | Promise<Frame | null>;

export interface ProtocolServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default dev-token-12345. */
  token?: string;
  /** Default `defaultReply`. */
  respond?: Responder;
}

/** The reply the Rust supervisor gives to an authenticated message (for ordinary users). */
export function defaultReply(message: ClientMessage): Frame {
  const timestamp = new Date().toISOString();
  switch (message.type) {
    case "ping":
      return { type: "pong" };
    case "sms_received":
      return { type: "message_acknowledged", message_type: "sms", user: message.user, timestamp };
    case "email_received":
      return { type: "message_acknowledged", message_type: "email", user: message.user, timestamp };
    case "inject_suggestion":
      return { type: "suggestion_applied", text: message.text, timestamp };
    case "synthesize_text":
      return { type: "synthesis_complete", text: message.text, duration_ms: 0, timestamp };
    case "claude_code_connect":
      return {
        type: "claude_code_connected",
        session_id: message.session_id,
        status: "connected",
        timestamp,
      };
    case "claude_code_message":
      return {
        type: "claude_code_response",
        session_id: message.session_id,
        message_id: "m1",
        content: "ok",
        timestamp,
      };
    case "claude_code_disconnect":
      return {
        type: "claude_code_disconnected",
        session_id: message.session_id,
        reason: "client",
        timestamp,
      };
    case "schedule_appointment":
      return {
        type: "appointment_scheduled",
        appointment_id: "a1",
        title: message.text,
        start_time: timestamp,
        end_time: timestamp,
        timestamp,
      };
    case "schedule_reminder":
      return {
        type: "reminder_created",
        reminder_id: "r1",
        title: message.title,
        due_time: message.due_time,
        timestamp,
      };
    case "get_calendar":
      return { type: "calendar_retrieved", period: message.period, appointments: [], timestamp };
    default:
      return { type: "error", message: `Invalid message format: unknown variant \`${message.type}\`` };
  }
}

/** One client connection, seen from the server. */
export class ServerConnection {
  authenticated = false;
  /** Answer WebSocket ping frames with pong frames (the heartbeat). */
  answerPings: boolean;
  /** Every text message received, raw, in order. */
  readonly received: string[] = [];
  readonly closed: Promise<void>;
  private chain: Promise<void> = Promise.resolve();
  private readonly messages = new EventEmitter();

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    /** Headers of the upgrade request. */
    readonly headers: IncomingHttpHeaders,
    private readonly server: ProtocolServer,
  ) {
    this.answerPings = server.answerPings;
    this.closed = once(socket, "close").then(() => undefined);
    socket.on("ping", (data) => {
      if (this.answerPings) socket.pong(data);
    });
    socket.on("message", (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      this.received.push(text);
      this.messages.emit("message", text);
      this.chain = this.chain.then(() => this.handle(text)).catch(() => undefined);
    });
  }

  /** The parsed messages received so far. */
  get receivedMessages(): Record<string, unknown>[] {
    return this.received.map((t) => {
      try {
        return JSON.parse(t) as Record<string, unknown>;
      } catch {
        return { raw: t };
      }
    });
  }

  /** Resolves once the next WebSocket ping frame arrives. */
  async waitForPing(): Promise<void> {
    await once(this.socket, "ping");
  }

  /** Resolves once `count` text messages have been received on this connection. */
  async waitForMessages(count: number): Promise<string[]> {
    while (this.received.length < count) await once(this.messages, "message");
    return this.received;
  }

  send(frame: Frame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (Buffer.isBuffer(frame)) this.socket.send(frame, { binary: true });
    else this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  close(code = 1000): void {
    this.socket.close(code);
  }

  terminate(): void {
    this.socket.terminate();
  }

  private async handle(text: string): Promise<void> {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return this.send({ type: "error", message: `Invalid message format: ${parsed.detail}` });
    const message = parsed.message;
    if (message.type === "auth") {
      this.authenticated = message.token === this.server.token;
      const result = this.authenticated ? "Authenticated successfully" : "Invalid authentication token";
      return this.send({ type: "auth_result", success: this.authenticated, message: result });
    }
    if (message.type === "ping") return this.send({ type: "pong" });
    if (!this.authenticated) return this.send({ type: "error", message: "Not authenticated" });
    const reply = await this.server.respond(message, this);
    if (reply !== null) this.send(reply);
  }
}

export class ProtocolServer {
  /** The token `auth` must carry; change it to make the next auth fail. */
  token: string;
  respond: Responder;
  /** Whether new connections answer ping frames. */
  answerPings = true;
  /** Called for each new connection before any of its messages (e.g. to terminate it at once). */
  onConnection: ((connection: ServerConnection) => void) | undefined;
  /** Every connection ever accepted, in order. */
  readonly connections: ServerConnection[] = [];
  private wss: WebSocketServer | undefined;
  private portNumber: number;
  private readonly events = new EventEmitter();

  private constructor(options: ProtocolServerOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.respond = options.respond ?? defaultReply;
    this.portNumber = options.port ?? 0;
  }

  /** Starts a server on 127.0.0.1. */
  static async start(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
    const server = new ProtocolServer(options);
    await server.listen();
    return server;
  }

  get port(): number {
    return this.portNumber;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.portNumber}`;
  }

  get listening(): boolean {
    return this.wss !== undefined;
  }

  /** Listens (again) on the same port; the first call picks the port. */
  async listen(): Promise<void> {
    if (this.wss !== undefined) return;
    const wss = new WebSocketServer({ host: "127.0.0.1", port: this.portNumber, autoPong: false });
    await once(wss, "listening");
    this.wss = wss;
    this.portNumber = (wss.address() as AddressInfo).port;
    wss.on("connection", (socket, request) => {
      const connection = new ServerConnection(this.connections.length + 1, socket, request.headers, this);
      this.connections.push(connection);
      this.onConnection?.(connection);
      this.events.emit("connection", connection);
    });
  }

  /** Drops every connection (abruptly, as a crash would) and stops listening. */
  async stop(): Promise<void> {
    const wss = this.wss;
    if (wss === undefined) return;
    this.wss = undefined;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  /** Resolves with the `count`-th connection (1-based) once it has been accepted. */
  async waitForConnection(count: number): Promise<ServerConnection> {
    while (this.connections.length < count) await once(this.events, "connection");
    return this.connections[count - 1] as ServerConnection;
  }

  /** Sends a frame to every open connection, authenticated or not (broadcasts may come at any time). */
  broadcast(frame: Frame): void {
    for (const connection of this.connections) connection.send(frame);
  }
}
