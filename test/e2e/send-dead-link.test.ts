import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ProtocolServer } from "../helpers/protocol-server.js";
import { runCli } from "../helpers/run-cli.js";

const NUMBERS = ["--from", "+15551234567", "--to", "+15559876543", "--user", "alice"];

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A supervisor whose link goes silent once the first event arrives: it stops reading, TCP stays open. */
async function goesSilent(): Promise<ProtocolServer> {
  const server = await ProtocolServer.start({
    respond: (_message, connection) => {
      (connection.socket as unknown as { _socket: Socket })._socket.pause();
      return new Promise<null>(() => {});
    },
  });
  cleanup.push(() => server.stop());
  return server;
}

describe("send-sms over a half-open link", () => {
  it("exits with the timeout's code within the timeout, not 30 s later", async () => {
    const server = await goesSilent();
    const started = performance.now();
    const { code, stderr } = await runCli([
      "send-sms",
      "hi",
      ...NUMBERS,
      "--url",
      server.url,
      "--timeout",
      "1500",
    ]);
    const elapsed = performance.now() - started;
    expect(code).toBe(5);
    expect(stderr).toContain("Timed out after 1500 ms waiting for the supervisor (request)");
    // Node's start-up and the connect come on top of the 1.5 s; the close handshake must not (ws waits 30 s).
    expect(elapsed).toBeLessThan(1500 + 4000);
  });
});
