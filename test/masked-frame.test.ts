import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { writeMaskedFrame } from "../src/masked-frame.js";

// A real ws server is the judge: it refuses an unmasked client frame (1002), a wrong length and
// invalid UTF-8 (1007), and hands over the text it unmasked.
let server: WebSocketServer;
let url: string;
beforeAll(async () => {
  server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise((resolve) => server.once("listening", resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Payload = string | { bytes: Buffer; binary: boolean };

interface Received {
  data: Buffer[];
  texts: string[];
  binary: boolean[];
}

async function received(payloads: Payload[]): Promise<Received> {
  const got = new Promise<Received>((resolve, reject) => {
    server.once("connection", (peer) => {
      const out: Received = { data: [], texts: [], binary: [] };
      peer.on("message", (data, isBinary) => {
        out.data.push(data as Buffer);
        out.texts.push(String(data));
        out.binary.push(isBinary);
        if (out.data.length === payloads.length) resolve(out);
      });
      peer.on("close", (code) => reject(new Error(`server closed the connection: ${code}`)));
    });
  });
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve) => ws.once("open", resolve));
  const socket = (ws as unknown as { _socket: Socket })._socket;
  const lengths = payloads.map((p) =>
    typeof p === "string" ? writeMaskedFrame(socket, p) : writeMaskedFrame(socket, p.bytes, p.binary),
  );
  expect(lengths).toEqual(
    payloads.map((p) => (typeof p === "string" ? Buffer.byteLength(p) : p.bytes.length)),
  );
  try {
    return await got;
  } finally {
    ws.terminate();
  }
}

describe("writeMaskedFrame", () => {
  it("writes text frames a ws server reads back exactly, at every header length and tail of the mask", async () => {
    const lengths = [0, 1, 2, 3, 4, 5, 6, 7, 125, 126, 127, 65_535, 65_536, 70_001];
    const texts = lengths.map((n) =>
      Array.from({ length: n }, (_, i) => String.fromCharCode(32 + (i % 90))).join(""),
    );
    const got = await received(texts);
    expect(got.texts).toEqual(texts);
    expect(got.binary.every((b) => b === false)).toBe(true);
  });

  it("encodes non-ASCII text as UTF-8, its length in bytes", async () => {
    const texts = ['{"message":"café ☕ 你好 🎉"}', "é".repeat(63), "é".repeat(64), "🎉".repeat(20_000)];
    expect((await received(texts)).texts).toEqual(texts);
  });

  it("sends a Buffer's own bytes, as text or as a binary frame, and leaves the Buffer as it was", async () => {
    const text = Buffer.from('{"type":"sms_received","message":"héllo"}');
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
    const before = [Buffer.from(text), Buffer.from(bytes)];
    const got = await received([
      { bytes: text, binary: false },
      { bytes, binary: true },
    ]);
    expect(got.binary).toEqual([false, true]);
    expect(got.data).toEqual([text, bytes]);
    expect([text, bytes]).toEqual(before);
  });

  it("draws a new masking key for each frame", async () => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const frames: Buffer[] = [];
    await new Promise((resolve) => ws.once("open", resolve));
    const socket = (ws as unknown as { _socket: Socket })._socket;
    const write = socket.write.bind(socket);
    socket.write = ((chunk: Buffer) => {
      frames.push(Buffer.from(chunk));
      return true;
    }) as typeof socket.write;
    for (let i = 0; i < 3000; i++) writeMaskedFrame(socket, "x");
    socket.write = write;
    ws.terminate();
    // Header (2 bytes), then the 4-byte key: 3,000 frames span more than one draw of 2,048 keys.
    const keys = new Set(frames.map((f) => f.subarray(2, 6).toString("hex")));
    expect(frames.every((f) => f[0] === 0x81 && f[1] === 0x81)).toBe(true);
    expect(keys.size).toBeGreaterThan(2900);
  });
});
