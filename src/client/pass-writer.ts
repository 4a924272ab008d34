import type { Socket } from "node:net";
import type WebSocket from "ws";
import { writeMaskedFrame } from "../masked-frame.js";
import { PassCork } from "../pass-cork.js";
import type { Clock } from "./types.js";

/** WebSocket.OPEN, without loading ws for its value. */
const OPEN = 1;

/**
 * The request writes of one connection. Those of one event-loop pass leave in one syscall (PassCork:
 * a profile at 32 in flight had writev at 37% of the client's CPU, one call per request). The real clock is read once
 * per such pass: its requests leave together at its end, so one read serves their deadlines and send
 * times (a read was ~0.1 us, once per request). An injected clock is read at every request: a test's
 * fake clock may be moved between two calls of one pass.
 */
export class PassWriter {
  /** The largest frame written, for the error of a 1009 close. */
  largest = 0;
  /** Over the TCP socket under ws, once corking is on. */
  private readonly cork = new PassCork();
  /** The clock when the socket was corked: the time of every request of that pass. */
  private passAt = 0;
  /** Frames go straight to the socket (../masked-frame.ts), not through ws's send. */
  private direct = false;

  constructor(
    private readonly clock: Clock,
    private readonly readPerPass: boolean,
  ) {}

  /**
   * Corks `ws`'s own socket from now on (a custom createWebSocket may hand back a ws without one), and
   * writes its frames there directly when ws negotiated no extension (../masked-frame.ts).
   */
  corkFrom(ws: WebSocket | undefined): void {
    const socket = (ws as unknown as { _socket?: Socket } | undefined)?._socket;
    if (typeof socket?.cork !== "function") return;
    this.cork.socket = socket;
    this.direct = ws?.extensions === "";
  }

  /** The clock, read once per pass that writes. */
  now(): number {
    return this.cork.corked && this.readPerPass ? this.passAt : this.clock.now();
  }

  /** Writes `text` on `ws` as a text frame; `now` is what `now()` gave the caller. */
  write(ws: WebSocket, text: string, now: number): void {
    if (this.cork.open()) this.passAt = now;
    const socket = this.cork.socket;
    // Not open (closing: its close frame may be out), ws.send reports it and writes nothing.
    const bytes =
      this.direct && socket !== undefined && ws.readyState === OPEN
        ? writeMaskedFrame(socket, text)
        : sendThroughWs(ws, text);
    if (bytes > this.largest) this.largest = bytes;
  }
}

function sendThroughWs(ws: WebSocket, text: string): number {
  ws.send(text);
  return Buffer.byteLength(text);
}
