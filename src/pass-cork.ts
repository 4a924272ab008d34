import type { Socket } from "node:net";

/**
 * Batches one socket's writes per event-loop pass: corked at the first write of a pass, uncorked on
 * the next tick, so that what one pass writes leaves in one syscall (a write per frame had been a third
 * to a half of the client's, the tap's and the supervisor's CPU). The client, the tap and the
 * supervisor's connections all write through one of these.
 */
export class PassCork {
  /** Whether a pass is open: its writes are being held. */
  corked = false;

  /** `socket` is the TCP socket under the WebSocket, once known (undefined: writes are not batched). */
  constructor(public socket: Socket | undefined = undefined) {}

  /** Called before each write; returns whether this write opened a pass. */
  open(): boolean {
    const socket = this.socket;
    if (socket === undefined || this.corked) return false;
    this.corked = true;
    socket.cork();
    process.nextTick(PassCork.close, this);
    return true;
  }

  /** One shared function, not a closure per socket: there may be thousands. */
  private static close(cork: PassCork): void {
    cork.corked = false;
    cork.socket?.uncork();
  }
}
