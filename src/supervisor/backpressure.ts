import type { Socket } from "node:net";
import type { WebSocket } from "ws";

/** A socket holding more unsent bytes than this is congested: its peer is not reading. */
export const OUTPUT_HIGH_BYTES = 1024 * 1024;

/**
 * Pauses reading a WebSocket while any reason to hold it stands (its queue is long, the peer it
 * feeds is not draining), and resumes once none is left. Paused, `ws` stops reading the TCP socket,
 * so the kernel's window pushes back on the sender and nothing piles up in this process.
 */
export class ReadGate {
  /** An array, not a Set: it is nearly always empty, and one is kept per socket. */
  private readonly reasons: string[] = [];

  constructor(private readonly ws: WebSocket) {}

  get paused(): boolean {
    return this.reasons.length > 0;
  }

  hold(reason: string): void {
    if (this.reasons.includes(reason)) return;
    this.reasons.push(reason);
    if (this.reasons.length === 1) this.ws.pause();
  }

  release(reason: string): void {
    const at = this.reasons.indexOf(reason);
    if (at === -1) return;
    this.reasons.splice(at, 1);
    if (this.reasons.length === 0) this.ws.resume();
  }

  /** Holds reading until `socket` has written out what it holds (its `drain`), or is gone. */
  holdUntilDrained(socket: Socket, reason: string): void {
    if (this.reasons.includes(reason)) return;
    this.hold(reason);
    const done = () => {
      socket.off("drain", done);
      socket.off("close", done);
      this.release(reason);
    };
    socket.on("drain", done);
    socket.on("close", done);
  }
}
