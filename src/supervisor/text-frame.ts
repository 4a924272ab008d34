import type { Socket } from "node:net";

/** The headers of frames of up to 125 bytes, made once each. */
const SHORT: string[] = [];
const FIN_TEXT = 0x81;

/**
 * Writes `text` to `socket` as one WebSocket text frame from a server (FIN, not masked): the bytes
 * ws's `send` writes, without the two option objects ws builds per frame. A profile at 5,000
 * connections put ws's building of its frame options at ~0.7 us per reply (a computed key its
 * optimised code defines through the runtime). The header is a one-byte string written as latin1;
 * an ASCII text (every reply but one quoting a peer's non-ASCII text) goes out with it in one write,
 * its latin1 bytes being its UTF-8 ones: one entry per frame in the socket's corked queue and the
 * writev, not two as ws writes it. Only for a socket whose ws negotiated no extension: nothing is
 * then ever queued in its Sender.
 */
export function writeTextFrame(socket: Socket, text: string): void {
  const length = Buffer.byteLength(text);
  if (length === text.length) {
    socket.write(`${header(length)}${text}`, "latin1");
    return;
  }
  socket.write(header(length), "latin1");
  socket.write(text);
}

function header(length: number): string {
  if (length < 126) {
    SHORT[length] ??= String.fromCharCode(FIN_TEXT, length);
    return SHORT[length];
  }
  if (length < 65536) return String.fromCharCode(FIN_TEXT, 126, length >> 8, length & 0xff);
  // A 64-bit length; frames never reach 4 GiB (maxPayload).
  const bytes = [24, 16, 8, 0].map((shift) => (length >>> shift) & 0xff);
  return String.fromCharCode(FIN_TEXT, 127, 0, 0, 0, 0, ...bytes);
}
