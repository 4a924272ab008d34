import { once } from "node:events";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import { type StartTapOptions, startTap, type TapHandle } from "../../src/supervisor/tap.js";
import { startTinyUpstream, type TinyUpstream, UPSTREAM_TOKEN } from "../helpers/tap-fixtures.js";
import { Peer } from "../helpers/ws-peer.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  options: Partial<StartTapOptions> = {},
): Promise<{ tap: TapHandle; upstream: TinyUpstream }> {
  const upstream = await startTinyUpstream();
  cleanups.push(() => upstream.close());
  const tap = await startTap({ port: 0, upstream: upstream.url, ...options });
  cleanups.push(() => tap.close());
  return { tap, upstream };
}
async function open(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  cleanups.push(() => peer.close());
  return peer;
}
async function authed(url: string): Promise<Peer> {
  const peer = await open(url);
  expect(await peer.request({ type: "auth", token: UPSTREAM_TOKEN })).toMatchObject({ success: true });
  return peer;
}

/** Writes the first lines of an upgrade and never the end; resolves with what the server answered. */
async function halfUpgrade(port: number): Promise<{ answer: string; ms: number }> {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await once(socket, "connect");
  const started = performance.now();
  let answer = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => {
    answer += chunk;
  });
  socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
  await once(socket, "close");
  return { answer, ms: performance.now() - started };
}

describe("tap protections, shared with the supervisor", () => {
  it("closes a client flooding invalid frames with 1008 and forwards nothing past the limit", async () => {
    const { tap, upstream } = await setup({ limits: { floodMaxErrors: 100, floodWindowMs: 60_000 } });
    const other = await authed(tap.url);
    const flooder = await open(tap.url);
    for (let i = 0; i < 1000; i++) flooder.send(`not json ${i}`);
    expect(await flooder.closed).toEqual({ code: 1008, reason: "Too many invalid messages" });
    const forwarded = upstream.received.filter((f) => f.text?.startsWith("not json"));
    expect(forwarded.length).toBeLessThanOrEqual(100);
    expect(await other.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("makes room at the cap by closing the oldest unauthenticated client with 1013, not an authenticated one", async () => {
    const { tap } = await setup({ limits: { maxUnauthenticated: 2 } });
    const oldest = await open(tap.url);
    const auth = await authed(tap.url);
    await open(tap.url);
    await open(tap.url);
    expect(await oldest.closed).toEqual({ code: 1013, reason: "Too many unauthenticated connections" });
    expect(await auth.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("closes a client the upstream has not authenticated in time with 4408 (an option; 0 turns it off)", async () => {
    // Long enough for the other client to authenticate on a loaded machine (150 ms closed it too).
    const { tap } = await setup({ authTimeoutMs: 1000 });
    const auth = await authed(tap.url);
    const silent = await open(tap.url);
    expect(await silent.closed).toEqual({ code: 4408, reason: "Authentication timeout" });
    expect(await auth.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("cuts off a half-sent upgrade after the header timeout (5 s by default, checked every second)", async () => {
    const { tap } = await setup({ limits: { headersTimeoutMs: 300 } });
    const { answer, ms } = await halfUpgrade(tap.port);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Node checks header timeouts every 30 s unless told otherwise: the cut-off must come near 300 ms.
    expect(ms).toBeLessThan(1500);
  });

  it("answers plain HTTP with 426 saying what it is", async () => {
    const { tap } = await setup();
    const response = await fetch(`http://127.0.0.1:${tap.port}/`);
    expect(response.status).toBe(426);
    expect(await response.text()).toBe("This is an xswarm-dev tap: connect with a WebSocket client.\n");
  });
});

describe("one server start-up for the supervisor and the tap", () => {
  it("writes IPv6 hosts in brackets in the URL, for both", async () => {
    const supervisor = await startSupervisor({
      host: "::1",
      port: 0,
      logFile: null,
      token: "v6-token-0123456789",
    });
    cleanups.push(() => supervisor.close());
    expect(supervisor.url).toBe(`ws://[::1]:${supervisor.port}`);
    const tap = await startTap({ host: "::1", port: 0, upstream: supervisor.url });
    cleanups.push(() => tap.close());
    expect(tap.url).toBe(`ws://[::1]:${tap.port}`);
    const peer = await Peer.authed(tap.url, "v6-token-0123456789");
    cleanups.push(() => peer.close());
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("gives the same bind errors and the same remote refusal", async () => {
    const { tap } = await setup();
    await expect(startSupervisor({ port: tap.port, logFile: null })).rejects.toMatchObject({
      code: "port_in_use",
      hint: `Try --port 0 for any free port, or see what holds it: lsof -i :${tap.port}`,
    });
    await expect(startTap({ port: tap.port, upstream: "ws://127.0.0.1:9" })).rejects.toMatchObject({
      code: "port_in_use",
      message: `Port ${tap.port} is already in use on 127.0.0.1`,
      hint: `Try --port 0 for any free port, or see what holds it: lsof -i :${tap.port}`,
    });
    for (const host of ["192.0.2.1", "::ffff:10.0.0.1"]) {
      await expect(startTap({ host, port: 0, upstream: "ws://127.0.0.1:9" })).rejects.toMatchObject({
        code: "remote_not_allowed",
      });
      await expect(startSupervisor({ host, port: 0, logFile: null })).rejects.toMatchObject({
        code: "remote_not_allowed",
      });
    }
    // A loopback spelling the old test missed is allowed, and written in brackets.
    const mapped = await startTap({ host: "::ffff:127.0.0.1", port: 0, upstream: "ws://127.0.0.1:9" });
    cleanups.push(() => mapped.close());
    expect(mapped.url).toBe(`ws://[::ffff:127.0.0.1]:${mapped.port}`);
  });
});
