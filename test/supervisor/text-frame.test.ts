import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { writeTextFrame } from "../../src/supervisor/text-frame.js";

// ws's own frame writer (its types do not declare it).
const { Sender } = createRequire(import.meta.url)("ws") as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
};

/** What ws's Sender writes for a server's text frame. */
function wsFrame(text: string): Buffer {
  const parts = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: 1,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return Buffer.concat(parts);
}

describe("writeTextFrame", () => {
  it("writes the bytes ws's Sender writes, at every payload length boundary", () => {
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
      for (const text of ["x".repeat(length), `é${"y".repeat(Math.max(0, length - 2))}`]) {
        const writes: Buffer[] = [];
        const write = (chunk: string | Buffer, encoding: BufferEncoding = "utf8") =>
          writes.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
        writeTextFrame({ write } as unknown as Socket, text);
        expect(Buffer.concat(writes).equals(wsFrame(text))).toBe(true);
        // An ASCII text goes with its header in one write; any other, header then text.
        expect(writes.length).toBe(text.startsWith("é") ? 2 : 1);
      }
    }
  });
});
