import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import {
  AuthenticationError,
  ConnectionError,
  type ConnectionState,
  SupervisorClient,
  TimeoutError,
  XswarmError,
} from "../../src/client/index.js";
import { resolveSettings } from "../../src/client/options.js";
import { DEFAULT_TOKEN, DEFAULT_URL } from "../../src/config/types.js";
import { ProtocolServer } from "../helpers/protocol-server.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, gate, waitForState } from "./util.js";

const { cleanup } = clientFixtures();

async function server(options: ConstructorParameters<typeof Object>[0] = {}): Promise<ProtocolServer> {
  const s = await ProtocolServer.start(options as object);
  cleanup.push(() => s.stop());
  return s;
}

function client(options: ConstructorParameters<typeof SupervisorClient>[0]): SupervisorClient {
  const c = new SupervisorClient({ heartbeatIntervalMs: 0, ...options });
  cleanup.push(() => c.disconnect());
  return c;
}

async function listenHttp(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const http = createServer(handler);
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  cleanup.push(() => new Promise((resolve) => http.close(resolve)));
  return http;
}

/** A bare ws server on a free port; `onConnection` does what the test needs with each socket. */
async function wsServer(onConnection: (socket: WebSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
  wss.on("connection", onConnection);
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

describe("connect()", () => {
  it("opens the socket, sends auth, and resolves only on a successful auth_result", async () => {
    const s = await server();
    const c = client({ url: s.url });
    const states: ConnectionState["status"][] = [];
    c.on("state", (st) => states.push(st.status));
    expect(c.isReady()).toBe(false);
    await c.connect();
    expect(c.isReady()).toBe(true);
    expect(states).toEqual(["connecting", "authenticating", "ready"]);
    const conn = s.connections[0];
    expect(conn?.receivedMessages).toEqual([{ type: "auth", token: DEFAULT_TOKEN }]);
    expect(conn?.authenticated).toBe(true);
    // perMessageDeflate off: the client offers no compression extension.
    expect(conn?.headers["sec-websocket-extensions"]).toBeUndefined();
  });

  it("takes its defaults from the configuration", () => {
    const none = resolveSettings({}, {});
    expect(none.url).toBe(DEFAULT_URL);
    expect(none.url).toBe("ws://127.0.0.1:9999");
    expect(none.authToken).toBe("dev-token-12345");
    expect(none.requestTimeoutMs).toBe(10_000);
    expect(none.heartbeatIntervalMs).toBe(2_500);
    expect(none.heartbeatTimeoutMs).toBe(2_500);
    expect(none.reconnect).toEqual({
      baseDelayMs: 250,
      maxDelayMs: 1_000,
      maxAttempts: Number.POSITIVE_INFINITY,
    });
    const env = resolveSettings(
      {},
      { SUPERVISOR_URL: "ws://10.0.0.2:7000", SUPERVISOR_TOKEN: "from-env-token" },
    );
    expect([env.url, env.authToken]).toEqual(["ws://10.0.0.2:7000", "from-env-token"]);
    const given = resolveSettings(
      { url: "ws://h:1", authToken: "given-token" },
      { SUPERVISOR_URL: "ws://x:2" },
    );
    expect([given.url, given.authToken]).toEqual(["ws://h:1", "given-token"]);
    expect(new SupervisorClient().url).toBe(process.env.SUPERVISOR_URL || DEFAULT_URL);
  });

  it("rejects options out of range with a ValidationError naming the option", () => {
    expect(() => new SupervisorClient({ requestTimeoutMs: -1 })).toThrow(/requestTimeoutMs/);
    expect(() => new SupervisorClient({ reconnect: { baseDelayMs: Number.NaN } })).toThrow(/baseDelayMs/);
  });

  it("masks the token in the `sent` event", async () => {
    const s = await server({ token: "secret-token-98765" });
    const c = client({ url: s.url, authToken: "secret-token-98765" });
    const sent: unknown[] = [];
    c.on("sent", (m) => sent.push(m));
    await c.connect();
    expect(sent).toEqual([{ type: "auth", token: "secr…765" }]);
  });
});

describe("connection errors are typed and say what to do", () => {
  it("ConnectionError: Connection refused, with the URL and a hint to start the supervisor", async () => {
    const s = await server();
    await s.stop();
    const c = client({ url: s.url });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(XswarmError);
    expect(error).toMatchObject({ code: "connection_refused", url: s.url });
    expect((error as Error).message).toBe(`Connection refused (${s.url})`);
    expect((error as ConnectionError).hint).toMatch(/xswarm-dev supervisor|cargo run/);
    expect(c.state).toMatchObject({ status: "closed", error });
  });

  it("ConnectionError dns_failed when the host does not resolve", async () => {
    const c = client({
      url: "ws://no-such-host.invalid:9999",
      createWebSocket: (url) =>
        new WebSocket(url, {
          perMessageDeflate: false,
          lookup: ((_host: string, _o: unknown, cb: (e: Error) => void) =>
            cb(
              Object.assign(new Error("getaddrinfo ENOTFOUND no-such-host.invalid"), { code: "ENOTFOUND" }),
            )) as never,
        }),
    });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "dns_failed" });
    expect((error as Error).message).toContain("no-such-host.invalid");
  });

  it("ConnectionError handshake_failed with the HTTP status when the port is not a WebSocket server", async () => {
    const http = await listenHttp((_req, res) => {
      res.writeHead(404).end("not here");
    });
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const error = await client({ url })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "handshake_failed" });
    expect((error as Error).message).toContain("HTTP 404");
    expect((error as ConnectionError).hint).toContain(`lsof -i :${(http.address() as AddressInfo).port}`);
  });

  it("ConnectionError invalid_url for a URL that is not one", async () => {
    const error = await client({ url: "not a url" })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_url" });
  });

  it("AuthenticationError: Authentication failed, token masked, hint to check tokens; state auth_failed", async () => {
    const s = await server({ token: "the-right-token" });
    const c = client({ url: s.url, authToken: "the-wrong-token-4242" });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/^Authentication failed: Invalid authentication token/);
    expect((error as Error).message).toContain("the-…242");
    expect((error as Error).message).not.toContain("the-wrong-token-4242");
    expect((error as AuthenticationError).hint).toMatch(/auth tokens match/);
    expect(c.state).toEqual({ status: "auth_failed", message: (error as Error).message });
  });

  it("a token inside the URL never shows in an error", async () => {
    const s = await server();
    await s.stop();
    const token = "url-secret-token-777";
    const error = await client({ url: `${s.url}/?token=${token}`, authToken: token })
      .connect()
      .then(
        () => new Error("connected"),
        (e: unknown) => e as Error,
      );
    expect(error.message).toContain("Connection refused");
    expect(error.message).not.toContain(token);
    expect(error.message).toContain("url-…777");
  });

  it("ConnectionError handshake_timeout when the port accepts TCP but never answers the upgrade", async () => {
    const http = await listenHttp(() => {});
    const upgradeAsked = new Promise<void>((resolve) => http.once("request", () => resolve()));
    const clock = new FakeClock();
    const port = (http.address() as AddressInfo).port;
    const url = `ws://127.0.0.1:${port}`;
    const c = client({ url, clock, connectTimeoutMs: 3000 });
    const result = c.connect().catch((e: unknown) => e);
    await upgradeAsked;
    clock.advance(3000);
    const error = await result;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      code: "handshake_timeout",
      url,
      message: `No WebSocket handshake answer within 3000 ms (${url})`,
      hint: `Something accepts TCP connections on this port but does not answer the WebSocket handshake: is it a supervisor? Check the port (lsof -i :${port}).`,
    });
    expect(c.state).toMatchObject({ status: "closed", error });
  });

  it("TimeoutError (connect) when not even the TCP connection is made", async () => {
    const clock = new FakeClock();
    const lookupStarted = gate();
    const c = client({
      url: "ws://stalled.invalid:9999",
      clock,
      connectTimeoutMs: 3000,
      // A real socket whose DNS lookup never answers: it stays `connecting`.
      createWebSocket: (url) =>
        new WebSocket(url, { perMessageDeflate: false, lookup: (() => lookupStarted.open()) as never }),
    });
    const result = c.connect().catch((e: unknown) => e);
    await lookupStarted.promise;
    clock.advance(3000);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "timeout", phase: "connect", timeoutMs: 3000 });
  });

  it("TimeoutError (auth) when the server never answers auth; the budget covers open + auth", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await once(wss, "listening");
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
    const gotAuth = new Promise<void>((resolve) => {
      wss.on("connection", (socket) => socket.once("message", () => resolve()));
    });
    const clock = new FakeClock();
    const c = client({
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
      clock,
      connectTimeoutMs: 2000,
    });
    const result = c.connect().catch((e: unknown) => e);
    await gotAuth;
    expect(c.state.status).toBe("authenticating");
    clock.advance(1999);
    expect(c.state.status).toBe("authenticating");
    clock.advance(1);
    expect(await result).toMatchObject({ code: "timeout", phase: "auth", timeoutMs: 2000 });
    await waitForState(c, "closed");
  });

  it("another reply type to auth (not a supervisor) fails the connection at once, saying so", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await once(wss, "listening");
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
    wss.on("connection", (socket) => socket.on("message", () => socket.send('{"type":"pong"}')));
    const error = await client({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` })
      .connect()
      .then(
        () => new Error("connected"),
        (e: unknown) => e as ConnectionError,
      );
    expect(error).toMatchObject({ code: "not_supervisor" });
    expect(error.message).toContain("answered auth with `pong` instead of auth_result");
  });

  it("a close before auth shows the server's close reason; 1011 hints that the upstream is down", async () => {
    // What `xswarm-dev tap` does when its upstream supervisor cannot be reached.
    const url = await wsServer((socket) => socket.close(1011, "Upstream unreachable"));
    const error = await client({ url })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      code: "connection_closed",
      message: `Connection closed by the server before authentication (code 1011: Upstream unreachable) (${url})`,
    });
    expect((error as ConnectionError).hint).toMatch(/could not reach its upstream supervisor: start it/);
    expect((error as ConnectionError).hint).toContain("xswarm-dev supervisor");
  });

  it("a close before auth without a reason shows the code alone, with the is-it-a-supervisor hint", async () => {
    const url = await wsServer((socket) => socket.close(1008));
    const error = await client({ url })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "connection_closed",
      message: `Connection closed by the server before authentication (code 1008) (${url})`,
    });
    expect((error as ConnectionError).hint).toMatch(/^Is the server on this port an xswarm supervisor\?/);
  });

  it("a close reason with control characters is shown without them", async () => {
    const url = await wsServer((socket) => socket.close(4000, "\u001b[31mred\u001b[0m\nline"));
    const error = await client({ url })
      .connect()
      .then(
        () => new Error("connected"),
        (e: unknown) => e as Error,
      );
    expect(error.message).toContain("(code 4000: [31mred [0m line)");
    expect(error.message).not.toContain("\u001b");
  });
});

describe("a link lost after auth", () => {
  it("names the server's close code and reason", async () => {
    const url = await wsServer((socket) =>
      socket.once("message", () => {
        socket.send(JSON.stringify({ type: "auth_result", success: true, message: "ok" }));
        socket.close(1001, "Supervisor shutting down");
      }),
    );
    const c = client({ url, reconnect: false });
    await c.connect();
    const closed = await waitForState(c, "closed");
    expect(closed.reason).toBe(
      "Connection to the supervisor was lost: connection closed (code 1001: Supervisor shutting down); the request was not re-sent",
    );
  });
});
