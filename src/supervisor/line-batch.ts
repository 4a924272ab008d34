/** Bytes the log gathers before it writes them out, even within one batch window (bounds its memory). */
const BATCH_BYTES = 256 * 1024;
const NEWLINE = 0x0a;
const LF = Uint8Array.of(NEWLINE);

/**
 * Log lines waiting for their write, as UTF-8 in one buffer that is reused: each line's string can
 * be dropped as soon as it is made. A batch that would overflow is handed out first.
 */
export class LineBatch {
  // Made on the first line: a logger that never writes a file needs none.
  private buffer: Buffer | undefined;
  private used = 0;

  /** Appends `line` and a newline; `out` first takes the lines before it when they would not fit. */
  add(line: string, out: (bytes: Buffer) => void): void {
    // A UTF-16 unit never takes more than 3 bytes of UTF-8: the exact length is not worth a scan.
    const most = line.length * 3 + 1;
    this.buffer ??= Buffer.allocUnsafeSlow(BATCH_BYTES);
    if (this.used + most > BATCH_BYTES) {
      this.drain(out);
      if (most > BATCH_BYTES) {
        out(Buffer.from(`${line}\n`, "utf8"));
        return;
      }
    }
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = NEWLINE;
  }

  /** Appends the line made of `head` then `tail`, and a newline: bytes already encoded, copied as they are. */
  addBytes(head: Uint8Array, tail: Uint8Array, out: (bytes: Buffer) => void): void {
    const size = head.length + tail.length + 1;
    this.buffer ??= Buffer.allocUnsafeSlow(BATCH_BYTES);
    if (this.used + size > BATCH_BYTES) {
      this.drain(out);
      if (size > BATCH_BYTES) {
        out(Buffer.concat([head, tail, LF]));
        return;
      }
    }
    this.buffer.set(head, this.used);
    this.buffer.set(tail, this.used + head.length);
    this.used += size;
    this.buffer[this.used - 1] = NEWLINE;
  }

  /** Hands the gathered lines to `out` (a view of the buffer, used before it returns) and empties the batch. */
  drain(out: (bytes: Buffer) => void): void {
    if (this.used === 0 || !this.buffer) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    out(bytes);
  }
}
