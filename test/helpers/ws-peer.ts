import WebSocket, { type ClientOptions } from "ws";

export type Json = Record<string, unknown>;

/**
 * A raw `ws` client for tests of the dev supervisor: every text frame it receives is queued, and
 * `next()` waits for the next one. Nothing is correlated or validated: the test checks the wire.
 */
export class Peer {
  readonly received: Json[] = [];
  private readonly waiters: ((frame: Json) => void)[] = [];
  private cursor = 0;
  /** Settles with the close code and reason once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse(String(data)) as Json;
      this.received.push(frame);
      const waiter = this.waiters.shift();
      if (waiter) {
        this.cursor += 1;
        waiter(frame);
      }
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => resolve({ code, reason: String(reason) }));
    });
    ws.on("error", () => {});
  }

  /** Opens a connection; rejects on a refused upgrade (`Unexpected server response: 403`). */
  static open(url: string, options: ClientOptions = {}): Promise<Peer> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      const peer = new Peer(ws);
      ws.once("open", () => resolve(peer));
      ws.once("error", reject);
    });
  }

  /** Opens a connection and authenticates with `token`. */
  static async authed(url: string, token: string, options: ClientOptions = {}): Promise<Peer> {
    const peer = await Peer.open(url, options);
    const reply = await peer.request({ type: "auth", token });
    if (reply.success !== true) throw new Error(`auth failed: ${JSON.stringify(reply)}`);
    return peer;
  }

  /** Sends an object as JSON, or a string as it is. */
  send(frame: Json | string): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  sendBinary(bytes: Buffer): void {
    this.ws.send(bytes, { binary: true });
  }

  /** The next text frame not yet taken. */
  next(): Promise<Json> {
    if (this.cursor < this.received.length) return Promise.resolve(this.received[this.cursor++] as Json);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next `n` text frames. */
  async take(n: number): Promise<Json[]> {
    const frames: Json[] = [];
    for (let i = 0; i < n; i++) frames.push(await this.next());
    return frames;
  }

  /** Sends a frame and waits for the next text frame. */
  request(frame: Json | string): Promise<Json> {
    this.send(frame);
    return this.next();
  }

  close(): Promise<unknown> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.ws.close();
    return this.closed;
  }
}

/** The status of a refused upgrade, from ws's `Unexpected server response: 403` error. */
export async function refusedStatus(url: string, options: ClientOptions = {}): Promise<number> {
  try {
    const peer = await Peer.open(url, options);
    await peer.close();
  } catch (error) {
    const match = /Unexpected server response: (\d+)/.exec(String(error));
    if (match) return Number(match[1]);
    throw error;
  }
  throw new Error("the upgrade was accepted");
}
