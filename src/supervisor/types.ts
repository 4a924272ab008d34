import type { Clock } from "../clock.js";
import type { ServerEvent, TrafficEntry } from "../protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../protocol/messages.js";

/** Listens to every frame a supervisor or tap sees. */
export interface TrafficFeed {
  /** Calls `listener` for each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: TrafficEntry) => void): () => void;
}

/** Answers SMS and email events. Must settle; the server adds its own deadline on top. */
export interface Responder {
  readonly name: string;
  respond(message: SmsReceivedMessage | EmailReceivedMessage, signal: AbortSignal): Promise<ServerEvent>;
  /**
   * Optional fast path for a responder that needs no I/O (`ack`, `echo`): the server calls it instead of
   * `respond` when no `delayMs` is set, and answers in the same tick. Must not throw.
   */
  respondSync?(message: SmsReceivedMessage | EmailReceivedMessage): ServerEvent;
}

export type ResponderName = "ack" | "echo" | "claude";

/** A line of the supervisor's JSON-lines log. Never holds a token. */
export interface LogRecord {
  time: string;
  level: "info" | "warn" | "error";
  msg: string;
  [key: string]: unknown;
}

export interface StartSupervisorOptions {
  /** Default 127.0.0.1. A non-loopback host needs `allowRemote` and a token other than the dev default. */
  host?: string;
  /** Default 9999; 0 picks a free port. */
  port?: number;
  /** Default from the configuration: SUPERVISOR_TOKEN, else dev-token-12345. */
  token?: string;
  /** Default `ack`. */
  responder?: ResponderName | Responder;
  /** Extra latency before answering SMS and email. */
  delayMs?: number;
  /** JSON-lines log file; default logs/supervisor.log; null for none. */
  logFile?: string | null;
  /** Writes the traffic feed as JSON lines. */
  record?: string;
  /** Sends PROTOCOL.md's broadcast events now and then. */
  broadcastDemo?: boolean;
  allowRemote?: boolean;
  /** For the `claude` responder. Defaults from ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL / ANTHROPIC_MODEL. */
  anthropic?: { apiKey?: string; baseURL?: string; model?: string; timeoutMs?: number };
  /** Receives log records as well as the log file (the CLI prints some of them). */
  onLog?: (record: LogRecord) => void;
  /** Where the token and Anthropic defaults are read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Refuse WebSocket upgrades from web pages not served from this machine (HTTP 403). Default true;
   * false answers every Origin, as the Rust server does.
   */
  originCheck?: boolean;
  /** Time for the suggestion rate limit and the timestamps of its answers. Default the system clock. */
  clock?: Clock;
  /** Internal knobs, mostly for tests and benchmarks; the defaults are the documented hardening. */
  limits?: Partial<SupervisorLimits>;
}

/** The dev supervisor's hardening limits. */
export interface SupervisorLimits {
  /**
   * Largest accepted message, in bytes (and so frame: `ws` has one limit for both); a larger one closes
   * the connection with 1009. Default 64 MiB, tungstenite's message limit (its frame limit is 16 MiB).
   */
  maxPayload: number;
  /** A connection that has not authenticated by then is closed with 4408. Default 10,000 ms; 0 for none. */
  authTimeoutMs: number;
  /** Upgrades beyond this many connections that have never authenticated get HTTP 503. Default 256. */
  maxUnauthenticated: number;
  /** More than this many format errors within `floodWindowMs` closes the connection with 1008. Default 100; 0 for no limit. */
  floodMaxErrors: number;
  /** Default 1,000 ms. */
  floodWindowMs: number;
  /** How often dead clients are looked for (ping, then terminate if no pong by the next sweep). Default 30,000 ms. */
  sweepIntervalMs: number;
  /** How long an HTTP upgrade request may take to send its headers. Default 5,000 ms. */
  headersTimeoutMs: number;
  /** Deadline of one responder call; past it the client gets `message_acknowledged`. Default 8,000 ms. */
  responderTimeoutMs: number;
  /** Pause between `broadcastDemo` events. Default 5,000 ms. */
  broadcastIntervalMs: number;
  /**
   * `sms answered` / `email answered` lines logged one by one each second; past them, the answers are
   * counted and summed up in one line a second, so that a flood cannot fill the disk. Default 100; 0
   * logs every answer.
   */
  answerLinesPerSecond: number;
}

export interface SupervisorHandle {
  /** `ws://host:port`. */
  url: string;
  host: string;
  port: number;
  feed: TrafficFeed;
  /** Closes every client with 1001 and stops listening. */
  close(): Promise<void>;
}
