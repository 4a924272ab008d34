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
