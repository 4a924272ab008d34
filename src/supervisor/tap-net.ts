import type { Socket } from "node:net";
import { type RawData, WebSocket } from "ws";
import { writeMaskedFrame } from "../masked-frame.js";
import { PassCork } from "../pass-cork.js";

const INTERNAL_ERROR = 1011;

/** A close code that may be sent in a close frame; 1005 (none given) becomes 1000, 1006 and the like `fallback`. */
export function sendableCode(code: number, fallback = INTERNAL_ERROR): number {
  if (code === 1005) return 1000;
  const standard = code >= 1000 && code <= 1014 && code !== 1004 && code !== 1006;
  return standard || (code >= 3000 && code <= 4999) ? code : fallback;
}

/** `Connection refused` rather than `connect ECONNREFUSED 127.0.0.1:9999`. */
export function describeNetError(error: Error): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ECONNREFUSED":
      return "Connection refused";
    case "ECONNRESET":
      return "Connection reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "Host unreachable";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "Host not found";
    default:
      return error.message;
  }
}

export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
  else if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
}

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

const TEXT = { binary: false };
const BINARY = { binary: true };

/**
 * Sends on one WebSocket in batches (PassCork: what one pass forwards leaves in one write; a write per
 * frame was half the tap's CPU). Order is kept: every frame of the socket goes through the same buffer.
 */
export class PassWriter {
  private readonly cork = new PassCork();

  /**
   * `masked`: `ws` is the tap's own client (its upstream leg, made without compression, so nothing is
   * ever queued in ws's Sender): its frames are masked and written to the socket directly, the
   * frame's own bytes copied once (masked-frame.ts), rather than through ws's send.
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly masked = false,
  ) {}

  /** The TCP socket under the WebSocket, once known (a client's upgrade response gives it). */
  attach(socket: Socket): void {
    this.cork.socket = socket;
  }

  /** Sends `data` if the WebSocket is open; returns the bytes its socket holds unsent. */
  send(data: string | Buffer, binary: boolean): number {
    if (this.ws.readyState !== WebSocket.OPEN) return 0;
    this.cork.open();
    const socket = this.cork.socket;
    if (this.masked && socket) writeMaskedFrame(socket, data, binary);
    else this.ws.send(data, binary ? BINARY : TEXT);
    return socket ? socket.writableLength : 0;
  }
}
