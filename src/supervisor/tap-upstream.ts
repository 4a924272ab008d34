import type { Socket } from "node:net";
import { WebSocket } from "ws";
import { OUTPUT_HIGH_BYTES, ReadGate } from "./backpressure.js";
import { PassWriter } from "./tap-net.js";

export interface UpstreamOptions {
  url: string;
  connectTimeoutMs: number;
  maxPayload: number;
  /** Client frames held while the upstream connects; a frame beyond this is refused. */
  maxBufferedBytes: number;
}

/**
 * A tap client's own connection to the upstream. Frames sent before it is open are held, in order and
 * up to a bound, and go out once it opens. The client's reads (`clientReads`) are held while the held
 * frames pass a socket's high mark, and while the upstream's socket is not draining.
 */
export class UpstreamLeg {
  readonly ws: WebSocket;
  /** Reading the upstream stops while the client's socket is not draining. */
  readonly reads: ReadGate;
  private socket: Socket | undefined;
  private readonly writes: PassWriter;
  private readonly held: Array<{ data: Buffer; isBinary: boolean }> = [];
  private heldBytes = 0;

  constructor(
    private readonly options: UpstreamOptions,
    private readonly clientReads: ReadGate,
  ) {
    this.ws = new WebSocket(options.url, {
      perMessageDeflate: false,
      handshakeTimeout: options.connectTimeoutMs,
      maxPayload: options.maxPayload,
    });
    this.reads = new ReadGate(this.ws);
    this.writes = new PassWriter(this.ws, true);
    this.ws.on("upgrade", (response) => {
      this.socket = response.socket as Socket;
      this.writes.attach(this.socket);
    });
  }

  /**
   * Sends the frame's own bytes, with its own opcode (nothing is re-encoded), or holds it while the
   * upstream connects. Returns the bytes held, or -1 when holding this frame would pass the bound.
   */
  send(data: Buffer, isBinary: boolean): number {
    if (this.ws.readyState === WebSocket.OPEN) {
      const socket = this.socket;
      if (this.writes.send(data, isBinary) > OUTPUT_HIGH_BYTES && socket)
        this.clientReads.holdUntilDrained(socket, "upstream");
      return 0;
    }
    if (this.heldBytes + data.length > this.options.maxBufferedBytes) return -1;
    this.heldBytes += data.length;
    this.held.push({ data, isBinary });
    if (this.heldBytes > OUTPUT_HIGH_BYTES) this.clientReads.hold("connecting");
    return this.heldBytes;
  }

  /** The upstream is open: what was held goes out, in order, and the client may be read again. */
  flushHeld(): void {
    for (const { data, isBinary } of this.held.splice(0)) this.writes.send(data, isBinary);
    this.heldBytes = 0;
    this.clientReads.release("connecting");
  }

  /** What would be held with one more frame of `bytes` (for the refusal's log line). */
  heldWith(bytes: number): number {
    return this.heldBytes + bytes;
  }
}
