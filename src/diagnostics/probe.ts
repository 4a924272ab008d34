import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import type { ClientMessage } from "../protocol/messages.js";
import { encodeMessage, type ParsedEvent, parseEvent } from "../protocol/parse.js";

/** How an attempt to open a WebSocket ended. */
export type OpenResult =
  | { ok: true; probe: Probe; ms: number }
  | { ok: false; kind: "http"; status: number; statusText: string; server?: string }
  | { ok: false; kind: "timeout" }
  | { ok: false; kind: "error"; message: string; code?: string };

/** How waiting for the reply to one message ended. */
export type ReplyResult =
  | { ok: true; reply: ParsedEvent; ms: number }
  | { ok: false; reason: "timeout" | "closed"; ignored: string[] };

interface Pending {
  settle: (result: ReplyResult) => void;
  /** Timed out: its reply, if it comes, is dropped so that later messages keep their own replies. */
  abandoned: boolean;
}

/**
 * A raw WebSocket connection for the doctor: it sends one message at a time and takes the replies in
 * order, as PROTOCOL.md says, while broadcasts, unknown types and non-JSON frames are set aside (and
 * reported when no reply comes).
 */
export class Probe {
  private readonly pending: Pending[] = [];
  private readonly ignored: string[] = [];
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data, isBinary) => {
      if (isBinary) return void this.ignored.push("a binary frame");
      this.onText(data.toString());
    });
    socket.on("close", () => {
      this.closed = true;
      for (const p of this.pending.splice(0))
        p.settle({ ok: false, reason: "closed", ignored: this.ignored });
    });
    socket.on("error", () => {});
  }

  /** Opens `url`; settles within `timeoutMs`. An HTTP answer that is not an upgrade is reported with its status. */
  static open(url: string, timeoutMs: number): Promise<OpenResult> {
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, followRedirects: false });
      let done = false;
      const finish = (result: OpenResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (!result.ok) socket.terminate();
        resolve(result);
      };
      const timer = setTimeout(() => finish({ ok: false, kind: "timeout" }), timeoutMs);
      socket.on("open", () =>
        finish({ ok: true, probe: new Probe(socket), ms: performance.now() - started }),
      );
      socket.on("unexpected-response", (request, response) => {
        const server = response.headers.server;
        finish({
          ok: false,
          kind: "http",
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? "",
          ...(typeof server === "string" ? { server } : {}),
        });
        request.destroy();
      });
      socket.on("error", (error: NodeJS.ErrnoException) =>
        finish({
          ok: false,
          kind: "error",
          message: error.message,
          ...(error.code ? { code: error.code } : {}),
        }),
      );
    });
  }

  /** Sends `message` (validated by the protocol schemas) and waits for its reply. */
  request(message: ClientMessage, timeoutMs: number): Promise<ReplyResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: "closed", ignored: this.ignored });
    const started = performance.now();
    return new Promise((resolve) => {
      const entry: Pending = {
        abandoned: false,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result.ok ? { ...result, ms: performance.now() - started } : result);
        },
      };
      const timer = setTimeout(() => {
        entry.abandoned = true;
        resolve({ ok: false, reason: "timeout", ignored: [...this.ignored] });
      }, timeoutMs);
      this.pending.push(entry);
      this.socket.send(encodeMessage(message));
    });
  }

  /** Closes politely, and hard if the server does not answer the close quickly. */
  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 200);
      this.socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(1000, "xswarm-dev doctor done");
    });
  }

  private onText(text: string): void {
    const parsed = parseEvent(text);
    const isReply = parsed.kind === "reply" || (parsed.kind === "invalid" && parsed.replyType !== undefined);
    if (!isReply) {
      this.ignored.push(describe(parsed));
      return;
    }
    const next = this.pending.shift();
    if (next && !next.abandoned) next.settle({ ok: true, reply: parsed, ms: 0 });
  }
}

function describe(parsed: ParsedEvent): string {
  if (parsed.kind === "invalid") return `a frame that is ${parsed.reason}`;
  if (parsed.kind === "unknown") return `an unknown \`${parsed.type}\` event`;
  return `a \`${parsed.event.type}\` broadcast`;
}
