import WebSocket from "ws";
import { parseEvent } from "../protocol/parse.js";
import type { Json } from "./match.js";

/** A frame the link received, with when it came (ms on the runner's clock). */
export interface Received {
  event: Json;
  at: number;
}

interface Waiter<T> {
  take(): T | undefined;
  resolve(value: T | undefined): void;
  timer: NodeJS.Timeout;
}

/** What a request in flight is, so that a reminder is not taken for its reply (PROTOCOL.md). */
interface InFlight {
  type: string;
  user?: string;
}

/**
 * One scenario client's raw WebSocket: scenarios send what SupervisorClient refuses to (no auth,
 * wrong tokens, malformed frames), so the link stays raw. Replies pair with requests in order; a
 * `send_*_response` that does not fit the request at the head of the queue is a reminder and goes
 * with the broadcasts.
 */
export class ScenarioLink {
  private readonly replies: Received[] = [];
  /** Every broadcast (and reminder) received, in order; `expect_broadcast` steps read from a cursor. */
  readonly broadcasts: Received[] = [];
  private readonly inFlight: InFlight[] = [];
  private readonly waiters = new Set<Waiter<unknown>>();
  private closed: string | undefined;

  private constructor(
    private readonly socket: WebSocket,
    private readonly now: () => number,
  ) {
    socket.on("message", (data, isBinary) => {
      if (!isBinary) this.onText(data.toString());
    });
    socket.on("close", (code, reason) => {
      this.closed = `the supervisor closed the connection (${code}${reason.length > 0 ? ` ${reason}` : ""})`;
      this.wake();
    });
    socket.on("error", () => {});
  }

  static open(url: string, timeoutMs: number, now: () => number): Promise<ScenarioLink> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      socket.once("open", () => resolve(new ScenarioLink(socket, now)));
      socket.once("error", (error) => reject(new Error(`cannot connect to ${url}: ${error.message}`)));
    });
  }

  /** Why the link is closed, if it is. */
  get closedReason(): string | undefined {
    return this.closed;
  }

  sendText(text: string, message?: Json): void {
    this.inFlight.push({
      type: typeof message?.type === "string" ? message.type : "",
      user: typeof message?.user === "string" ? message.user : undefined,
    });
    this.socket.send(text);
  }

  /** The next reply, or undefined when none came in `timeoutMs` (or the link closed). */
  nextReply(timeoutMs: number): Promise<Received | undefined> {
    return this.wait(() => this.replies.shift(), timeoutMs);
  }

  /** The first broadcast from `cursor.index` on that `fits`; moves the cursor past it. */
  nextBroadcast(
    cursor: { index: number },
    fits: (event: Json) => boolean,
    timeoutMs: number,
  ): Promise<Received | undefined> {
    return this.wait(() => {
      for (let i = cursor.index; i < this.broadcasts.length; i++) {
        const found = this.broadcasts[i] as Received;
        if (fits(found.event)) {
          cursor.index = i + 1;
          return found;
        }
      }
      return undefined;
    }, timeoutMs);
  }

  close(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(undefined);
    }
    this.waiters.clear();
    this.socket.close(1000);
  }

  private wait<T>(take: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const now = take();
    if (now !== undefined || this.closed) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter: Waiter<T> = {
        take,
        resolve: (value) => {
          this.waiters.delete(waiter as Waiter<unknown>);
          resolve(value);
        },
        timer: setTimeout(() => waiter.resolve(undefined), timeoutMs),
      };
      this.waiters.add(waiter as Waiter<unknown>);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      const value = waiter.take();
      if (value !== undefined || this.closed) {
        clearTimeout(waiter.timer);
        waiter.resolve(value);
      }
    }
  }

  private onText(text: string): void {
    const parsed = parseEvent(text);
    const at = this.now();
    let event: Json;
    let reply = false;
    if (parsed.kind === "reply") {
      event = JSON.parse(text) as Json;
      reply = this.fitsHead(event);
    } else if (parsed.kind === "invalid") {
      event = safeObject(text);
      reply = parsed.replyType !== undefined && this.inFlight.length > 0;
    } else event = parsed.kind === "broadcast" ? (JSON.parse(text) as Json) : parsed.raw;
    if (reply) {
      this.inFlight.shift();
      this.replies.push({ event, at });
    } else this.broadcasts.push({ event, at });
    this.wake();
  }

  private fitsHead(event: Json): boolean {
    const head = this.inFlight[0];
    if (!head) return false;
    const kind =
      event.type === "send_sms_response"
        ? "sms_received"
        : event.type === "send_email_response"
          ? "email_received"
          : undefined;
    if (kind === undefined) return true;
    return head.type === kind && (head.user === undefined || head.user === event.user);
  }
}

function safeObject(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Json;
  } catch {}
  return { raw: text };
}
