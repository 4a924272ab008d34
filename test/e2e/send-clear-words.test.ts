import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { startSupervisor } from "../../src/supervisor/index.js";
import { startTap } from "../../src/supervisor/tap.js";
import { runCli } from "../helpers/run-cli.js";
import { closedPort, plainHttpServer } from "./send-fixtures.js";

const NUMBERS = ["--from", "+15551234567", "--to", "+15559876543", "--user", "alice"];
const TOKEN = "clear-words-token-9876";
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function supervisor(maxPayload?: number) {
  const limits = maxPayload === undefined ? {} : { limits: { maxPayload } };
  const handle = await startSupervisor({ port: 0, token: TOKEN, logFile: null, env: {}, ...limits });
  cleanup.push(() => handle.close());
  return handle;
}

/** A WebSocket server that is not a supervisor: `answer` says what it sends back for each frame. */
async function otherWsServer(answer: (text: string) => string | null): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  wss.on("connection", (socket) =>
    socket.on("message", (data) => {
      const reply = answer(data.toString());
      if (reply !== null) socket.send(reply);
    }),
  );
  cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

const sendSms = (url: string, ...extra: string[]) =>
  runCli(["send-sms", "hi", ...NUMBERS, "--url", url, "--token", TOKEN, ...extra]);

describe("clear words for what misleads", () => {
  it("wss:// against a plain ws:// server: says so and suggests ws://, no OpenSSL dump", async () => {
    const handle = await supervisor();
    const url = handle.url.replace(/^ws:/, "wss:");
    const { code, stderr } = await sendSms(url);
    expect(code).toBe(3);
    expect(stderr).toContain(
      `✖ TLS handshake failed: the server on this port speaks plain ws://, not wss:// (${url})`,
    );
    expect(stderr).toContain(`Try ${handle.url}`);
    expect(stderr).not.toMatch(/SSL routines|error:0A|ssl3_get_record|wrong version number/i);
  });

  it("a frame refused for its size: says the limit and that resending will not help", async () => {
    const handle = await supervisor(1024 * 1024);
    const { code, stderr } = await runCli(
      ["send-sms", "-", ...NUMBERS, "--url", handle.url, "--token", TOKEN],
      { stdin: "x".repeat(1100 * 1024) },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/✖ The supervisor refused a frame of 1\.1 MiB as too big \(close code 1009\)/);
    expect(stderr).toContain("Resending will not help");
    expect(stderr).toContain("up to 64 MiB a message");
    expect(stderr).not.toContain("Send it again");
  });

  it("an HTTP server on the port: names the HTTP answer", async () => {
    const http = await plainHttpServer();
    cleanup.push(() => http.close());
    const { code, stderr } = await sendSms(http.url);
    expect(code).toBe(3);
    expect(stderr).toContain(`✖ WebSocket handshake failed (HTTP 200) (${http.url})`);
    expect(stderr).toContain("not a WebSocket supervisor");
  });

  it("a WebSocket server that echoes: not a supervisor, and the token is not shown", async () => {
    const url = await otherWsServer((text) => text);
    const { code, stderr, stdout } = await sendSms(url, "--timeout", "800");
    expect(code).toBe(3);
    expect(stderr).toContain(
      "✖ The server answered auth with `auth` but no auth_result within 800 ms: it is not an xswarm supervisor",
    );
    expect(stderr).toContain("Another WebSocket server holds this port");
    expect(stderr + stdout).not.toContain(TOKEN);
  });

  it("a WebSocket server that answers another JSON reply, or text: not a supervisor", async () => {
    const pong = await otherWsServer(() => JSON.stringify({ type: "pong" }));
    const first = await sendSms(pong);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain(
      "✖ The server answered auth with `pong` instead of auth_result: it is not an xswarm supervisor",
    );
    const text = await otherWsServer(() => "hello there");
    const second = await sendSms(text, "--timeout", "800");
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      "answered auth with a frame that is not JSON but no auth_result within 800 ms",
    );
  });

  it("a WebSocket server that says nothing: a timeout that asks whether it is a supervisor", async () => {
    const url = await otherWsServer(() => null);
    const { code, stderr } = await sendSms(url, "--timeout", "800");
    expect(code).toBe(5);
    expect(stderr).toContain("✖ Timed out after 800 ms waiting for the supervisor (auth)");
    expect(stderr).toContain("nothing answered auth, which a supervisor does at once");
    expect(stderr).not.toContain("slow or stuck");
  });

  it("doctor through a tap whose upstream is down: says the upstream is unreachable", async () => {
    const tap = await startTap({
      port: 0,
      upstream: `ws://127.0.0.1:${await closedPort()}`,
      onLog: () => {},
    });
    cleanup.push(() => tap.close());
    const { code, stdout } = await runCli(["doctor", "--url", tap.url, "--no-events"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "the server closed the connection with code 1011 (Upstream unreachable): it is a proxy, e.g. an xswarm-dev tap, whose upstream supervisor is unreachable",
    );
    expect(stdout).toContain("Start the upstream supervisor");
    expect(stdout).not.toContain("Is the server on this port an xswarm supervisor?");
  });
});
