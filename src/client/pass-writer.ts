import type { Socket } from "node:net";
import type WebSocket from "ws";
import { PassCork } from "../pass-cork.js";
import type { Clock } from "./types.js";

/** A Buffer goes out as a text frame only when told (ws's default for one is binary). */
const TEXT_FRAME = { binary: false } as const;

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

  constructor(
    private readonly clock: Clock,
    private readonly readPerPass: boolean,
  ) {}

  /** Corks `ws`'s own socket from now on (a custom createWebSocket may hand back a ws without one). */
  corkFrom(ws: WebSocket | undefined): void {
    const socket = (ws as unknown as { _socket?: Socket } | undefined)?._socket;
    if (typeof socket?.cork === "function") this.cork.socket = socket;
  }

  /** The clock, read once per pass that writes. */
  now(): number {
    return this.cork.corked && this.readPerPass ? this.passAt : this.clock.now();
  }

  /** Writes `text` on `ws`; `now` is what `now()` gave the caller. */
  write(ws: WebSocket, text: string, now: number): void {
    // Encoded here, once: handed a string, ws measures it (Buffer.byteLength) and then encodes it, and
    // `largest` measured it a second time. The frame on the wire is the same text frame.
    const data = Buffer.from(text);
    if (data.length > this.largest) this.largest = data.length;
    if (this.cork.open()) this.passAt = now;
    ws.send(data, TEXT_FRAME);
  }
}
