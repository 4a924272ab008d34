import { once } from "node:events";
import { createServer, type Server, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PassCork } from "../src/pass-cork.js";

let server: Server | undefined;
afterEach(() => server?.close());

async function connectedSocket(): Promise<Socket> {
  server = createServer((peer) => peer.resume());
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const socket = new Socket();
  socket.connect(address.port, "127.0.0.1");
  await once(socket, "connect");
  return socket;
}

describe("PassCork", () => {
  it("holds a pass's writes until the next tick, then opens a new pass", async () => {
    const socket = await connectedSocket();
    const cork = new PassCork(socket);
    expect(cork.open()).toBe(true);
    socket.write("a");
    expect(cork.open()).toBe(false);
    socket.write("b");
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBe(2);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(socket.writableCorked).toBe(0);
    expect(cork.corked).toBe(false);
    expect(cork.open()).toBe(true);
    socket.destroy();
  });

  it("batches nothing before it knows its socket", () => {
    const cork = new PassCork();
    expect(cork.open()).toBe(false);
    expect(cork.corked).toBe(false);
  });
});
