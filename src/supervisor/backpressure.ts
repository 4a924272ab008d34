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
  private readonly reasons = new Set<string>();

  constructor(private readonly ws: WebSocket) {}

  get paused(): boolean {
    return this.reasons.size > 0;
  }

  hold(reason: string): void {
    if (this.reasons.has(reason)) return;
    this.reasons.add(reason);
    if (this.reasons.size === 1) this.ws.pause();
  }

  release(reason: string): void {
    if (!this.reasons.delete(reason)) return;
    if (this.reasons.size === 0) this.ws.resume();
  }

  /** Holds reading until `socket` has written out what it holds (its `drain`), or is gone. */
  holdUntilDrained(socket: Socket, reason: string): void {
    if (this.reasons.has(reason)) return;
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
