import WebSocket from "ws";
import { type Expectation, expectationFor } from "../client/expectations.js";
import { type ReplyFrame, ReplyQueue, type Slot } from "../client/reply-queue.js";
import { monotonicMs, preciseClock } from "../clock.js";
import { FrameOrder, type ParsedEvent, readEvent } from "../protocol/frame.js";
import type { ClientMessage } from "../protocol/messages.js";
import { encodeMessage } from "./encode.js";

/** How an attempt to open a WebSocket ended. */
export type OpenResult =
  | { ok: true; probe: Probe; ms: number }
  | { ok: false; kind: "http"; status: number; statusText: string; server?: string }
  | { ok: false; kind: "timeout" }
  | { ok: false; kind: "error"; message: string; code?: string };

/** How waiting for the reply to one message ended. */
export type ReplyResult =
  | { ok: true; reply: ParsedEvent; ms: number }
  | { ok: false; reason: "timeout" | "closed"; ignored: string[]; close?: CloseInfo };

/** The close code and reason the server gave. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** One message of the probe waiting for its reply, in the client's reply order. */
class ProbeSlot implements Slot {
  done = false;
  readonly expectation: Expectation;
  readonly user: string | undefined;
  readonly deadline: number;
  private readonly started = monotonicMs();

  constructor(
    message: ClientMessage,
    timeoutMs: number,
    private readonly ignored: () => string[],
    private readonly closeInfo: () => CloseInfo | undefined,
    private readonly settle: (result: ReplyResult) => void,
  ) {
    this.expectation = expectationFor(message.type);
    const user = (message as { user?: unknown }).user;
    this.user = typeof user === "string" ? user : undefined;
    this.deadline = probeClock.now() + timeoutMs;
  }

  answer(reply: ReplyFrame): void {
    this.finish({ ok: true, reply, ms: monotonicMs() - this.started });
  }

  timeout(): void {
    this.finish({ ok: false, reason: "timeout", ignored: this.ignored() });
  }

  reject(): void {
    const close = this.closeInfo();
    this.finish({ ok: false, reason: "closed", ignored: this.ignored(), ...(close ? { close } : {}) });
  }

  private finish(result: ReplyResult): void {
    if (this.done) return;
    this.done = true;
    this.settle(result);
  }
}

const probeClock = preciseClock;

/**
 * A raw WebSocket connection for the doctor: it sends one message at a time and takes the replies in
 * the client's reply order (ReplyQueue), while broadcasts, reminders, unknown types and non-JSON frames
 * are set aside (and reported when no reply comes). A reply of the wrong type is still taken, so that
 * the doctor can say what came instead.
 */
export class Probe {
  private readonly replies = new ReplyQueue<ProbeSlot>(probeClock, { takeMisfits: true });
  private readonly ignored: string[] = [];
  private closed = false;
  private closeInfo: CloseInfo | undefined;
  private readonly order = new FrameOrder();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data, isBinary) =>
      this.order.run(() => {
        if (isBinary) return void this.ignored.push("a binary frame");
        return this.onText(data.toString());
      }),
    );
    // After the frames before it, also one that waits for zod's schemas.
    socket.on("close", (code, reason) =>
      this.order.run(() => {
        this.closed = true;
        this.closeInfo = { code, reason: reason.toString() };
        this.replies.failAll(new Error("closed"));
      }),
    );
    socket.on("error", () => {});
  }

  /** Opens `url`; settles within `timeoutMs`. An HTTP answer that is not an upgrade is reported with its status. */
  static open(url: string, timeoutMs: number): Promise<OpenResult> {
    const started = monotonicMs();
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
      socket.on("open", () => finish({ ok: true, probe: new Probe(socket), ms: monotonicMs() - started }));
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
    if (this.closed) {
      const close = this.closeInfo;
      return Promise.resolve({
        ok: false,
        reason: "closed",
        ignored: this.ignored,
        ...(close ? { close } : {}),
      });
    }
    const encoded = encodeMessage(message);
    if (encoded instanceof Promise) return encoded.then((text) => this.write(message, text, timeoutMs));
    return this.write(message, encoded, timeoutMs);
  }

  private write(message: ClientMessage, text: string, timeoutMs: number): Promise<ReplyResult> {
    return new Promise((resolve) => {
      const slot = new ProbeSlot(
        message,
        timeoutMs,
        () => [...this.ignored],
        () => this.closeInfo,
        resolve,
      );
      this.replies.push(slot);
      this.socket.send(text);
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

  private onText(text: string): Promise<void> | undefined {
    const parsed = readEvent(text);
    if (parsed instanceof Promise) return parsed.then((event) => this.onParsed(event));
    this.onParsed(parsed);
    return undefined;
  }

  private onParsed(parsed: ParsedEvent): void {
    const outcome = this.replies.receive(parsed);
    if (outcome.kind === "reminder") {
      const { event, ambiguous } = outcome.reminder;
      if (!ambiguous) this.ignored.push(`a \`${event.type}\` reminder broadcast for ${event.user}`);
    } else if (outcome.kind === "warning")
      this.ignored.push(`a reply to no request (${outcome.warning.message})`);
    else if (outcome.kind === "other") this.ignored.push(describe(parsed));
  }
}

function describe(parsed: ParsedEvent): string {
  if (parsed.kind === "invalid") return `a frame that is ${parsed.reason}`;
  if (parsed.kind === "unknown") return `an unknown \`${parsed.type}\` event`;
  return `a \`${parsed.event.type}\` broadcast`;
}
