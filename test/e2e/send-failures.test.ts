import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { startTap } from "../../src/supervisor/tap.js";
import { runCli } from "../helpers/run-cli.js";
import { closedPort } from "./send-fixtures.js";

const NUMBERS = ["--from", "+15551234567", "--to", "+15559876543", "--user", "alice"];

/** A TCP server on a free port that accepts every connection and never writes a byte. */
async function silentTcpServer(): Promise<{ port: number; accepted: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    silent.accepted++;
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const silent = {
    port: (server.address() as { port: number }).port,
    accepted: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return silent;
}

describe("send-sms names what is wrong on the port", () => {
  it("exits 3 when the port accepts TCP but never answers the WebSocket handshake", async () => {
    const silent = await silentTcpServer();
    try {
      const url = `ws://127.0.0.1:${silent.port}`;
      const { code, stdout, stderr } = await runCli([
        "send-sms",
        "hi",
        ...NUMBERS,
        "--url",
        url,
        "--timeout",
        "500",
      ]);
      expect(code).toBe(3);
      expect(stderr).toContain(`✖ No WebSocket handshake answer within 500 ms (${url})`);
      expect(stderr).toContain(
        `does not answer the WebSocket handshake: is it a supervisor? Check the port (lsof -i :${silent.port}).`,
      );
      expect(stderr).not.toMatch(/Timed out|slow or stuck/);
      expect(stdout).not.toContain("✔");
      expect(silent.accepted).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("exits 3 through a tap whose upstream is down, with the tap's close reason and a start-it hint", async () => {
    const tap = await startTap({
      port: 0,
      upstream: `ws://127.0.0.1:${await closedPort()}`,
      onLog: () => {},
    });
    try {
      const { code, stdout, stderr } = await runCli([
        "send-sms",
        "hi",
        ...NUMBERS,
        "--url",
        tap.url,
        "--json",
      ]);
      expect(code).toBe(3);
      expect(JSON.parse(stdout).error).toMatchObject({
        code: "connection_closed",
        message: `Connection closed by the server before authentication (code 1011: Upstream unreachable) (${tap.url})`,
      });
      expect(stderr).toContain("could not reach its upstream supervisor: start it");
      expect(stderr).not.toContain("Is the server on this port an xswarm supervisor?");
    } finally {
      await tap.close();
    }
  });
});
