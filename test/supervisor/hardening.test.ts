import { once } from "node:events";
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";
import { Peer, refusedStatus } from "../helpers/ws-peer.js";

const TOKEN = "hardening-token-123";
const SMS = { type: "sms_received", from: "+1555", to: "+1666", message: "hi", user: "alice" };

let supervisor: SupervisorHandle;
const peers: Peer[] = [];

async function start(options: StartSupervisorOptions = {}) {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, ...options });
  return supervisor;
}
async function open(options: Parameters<typeof Peer.open>[1] = {}) {
  const peer = await Peer.open(supervisor.url, options);
  peers.push(peer);
  return peer;
}

afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.close();
  await supervisor?.close();
});

describe("dev supervisor hardening", () => {
  it("closes a connection that does not authenticate in time with 4408, and keeps authenticated ones", async () => {
    await start({ limits: { authTimeoutMs: 150 } });
    const silent = await open();
    const authed = await open();
    expect(await authed.request({ type: "auth", token: TOKEN })).toMatchObject({ success: true });
    expect(await silent.closed).toEqual({ code: 4408, reason: "Authentication timeout" });
    expect(await authed.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("makes room at the cap by closing the oldest unauthenticated connection with 1013, never an authenticated one", async () => {
    await start({ limits: { maxUnauthenticated: 2 } });
    const oldest = await open();
    const authed = await Peer.authed(supervisor.url, TOKEN);
    peers.push(authed);
    const second = await open();
    const third = await open();
    expect(await oldest.closed).toEqual({ code: 1013, reason: "Too many unauthenticated connections" });
    for (const peer of [authed, second, third])
      expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(await second.request({ type: "auth", token: TOKEN })).toMatchObject({ success: true });
    // `second` has authenticated: the next newcomers close `third`, not it.
    await open();
    await open();
    expect((await third.closed).code).toBe(1013);
    expect(await second.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  // test/stress/idle-flood.test.ts does the same with the default cap of 256 and 300 loops.
  it("lets legitimate clients in while more loops than the cap hold unauthenticated connections open", async () => {
    await start({ limits: { maxUnauthenticated: 16 } });
    const loops = new IdleLoops(supervisor.url, 24);
    try {
      // The cap is reached and the loops are being closed and reconnecting.
      await vi.waitFor(() => expect(loops.evicted).toBeGreaterThan(8), { timeout: 10_000 });
      for (let i = 0; i < 5; i++) {
        const peer = await Peer.authed(supervisor.url, TOKEN);
        peers.push(peer);
        expect(await peer.request(SMS)).toMatchObject({ type: "message_acknowledged", user: "alice" });
      }
    } finally {
      await loops.stop();
    }
  });

  it("closes a client that sends a frame over maxPayload with 1009, and keeps serving the others", async () => {
    await start({ limits: { maxPayload: 1024 * 1024 } });
    const big = await open();
    const other = await Peer.authed(supervisor.url, TOKEN);
    peers.push(other);
    // Exactly 1 MiB is allowed (and is a format error: it is not JSON).
    expect(String((await big.request("x".repeat(1024 * 1024))).message)).toMatch(/^Invalid message format/);
    big.send("x".repeat(1024 * 1024 + 1));
    expect((await big.closed).code).toBe(1009);
    expect(await other.request(SMS)).toMatchObject({ type: "message_acknowledged" });
    const fresh = await open();
    expect(await fresh.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("does not negotiate permessage-deflate", async () => {
    await start();
    const peer = await open({ perMessageDeflate: true });
    expect(peer.ws.extensions).toBe("");
  });

  it("refuses upgrades from non-localhost web pages and admits localhost pages and clients without Origin", async () => {
    await start();
    expect(await refusedStatus(supervisor.url, { origin: "https://evil.example" })).toBe(403);
    expect(await refusedStatus(supervisor.url, { origin: "null" })).toBe(403);
    expect(await refusedStatus(supervisor.url, { origin: "http://127.0.0.1.evil.example" })).toBe(403);
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080", undefined]) {
      const peer = await open(origin ? { origin } : {});
      // An allowed Origin still needs the token.
      expect(await peer.request(SMS)).toEqual({ type: "error", message: "Not authenticated" });
    }
  });

  it("closes a client flooding format errors with 1008, and never throttles a fast valid client", async () => {
    await start({ limits: { floodMaxErrors: 100, floodWindowMs: 60_000 } });
    const flooder = await open();
    const fast = await Peer.authed(supervisor.url, TOKEN);
    peers.push(fast);
    for (let i = 0; i < 150; i++) flooder.send(`not json ${i}`);
    for (let i = 0; i < 2000; i++) fast.send(i % 2 ? { type: "ping" } : SMS);
    expect(await flooder.closed).toEqual({ code: 1008, reason: "Too many invalid messages" });
    // Each of the first 101 got its reply; nothing after the limit was read.
    expect(flooder.received).toHaveLength(101);
    const replies = await fast.take(2000);
    expect(replies.filter((r) => r.type === "error")).toEqual([]);
    expect(await fast.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("terminates a client that stops answering pings, and keeps live ones", async () => {
    await start({ limits: { sweepIntervalMs: 50 } });
    const dead = await open({ autoPong: false });
    const live = await open();
    expect((await dead.closed).code).toBe(1006);
    expect(await live.request({ type: "ping" })).toEqual({ type: "pong" });
  });

  it("drops a half-sent upgrade request after the header timeout", async () => {
    await start({ limits: { headersTimeoutMs: 200 } });
    const socket = connect(supervisor.port, "127.0.0.1");
    socket.on("error", () => {});
    await once(socket, "connect");
    let answer = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
    await once(socket, "close");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("answers plain HTTP with 426", async () => {
    await start();
    const response = await fetch(`http://127.0.0.1:${supervisor.port}/`);
    expect(response.status).toBe(426);
  });

  it("refuses a non-loopback host without allowRemote, and the dev token with it", async () => {
    await expect(startSupervisor({ host: "0.0.0.0", port: 0, logFile: null })).rejects.toMatchObject({
      code: "remote_not_allowed",
    });
    await expect(
      startSupervisor({
        host: "0.0.0.0",
        port: 0,
        logFile: null,
        allowRemote: true,
        token: "dev-token-12345",
      }),
    ).rejects.toMatchObject({ code: "weak_token" });
    await expect(
      startSupervisor({
        port: 0,
        logFile: null,
        allowRemote: true,
        env: { SUPERVISOR_TOKEN: "" },
        host: "::",
      }),
    ).rejects.toMatchObject({ code: "weak_token" });
  });

  it("closes every client with 1001 on close() and stops listening", async () => {
    await start();
    const a = await open();
    const b = await Peer.authed(supervisor.url, TOKEN);
    peers.push(b);
    await supervisor.close();
    expect((await a.closed).code).toBe(1001);
    expect((await b.closed).code).toBe(1001);
    await expect(Peer.open(supervisor.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("says which port is taken and what to try", async () => {
    const first = await start();
    await expect(startSupervisor({ port: first.port, logFile: null })).rejects.toMatchObject({
      code: "port_in_use",
      message: `Port ${first.port} is already in use on 127.0.0.1`,
      hint: `Try --port 0 for any free port, or see what holds it: lsof -i :${first.port}`,
    });
  });
});

/** `count` loops that each hold a connection open without authenticating, and reconnect when it closes. */
class IdleLoops {
  evicted = 0;
  private running = true;
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly url: string,
    count: number,
  ) {
    for (let i = 0; i < count; i++) this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    const closed = [...this.sockets].map((ws) => new Promise((resolve) => ws.once("close", resolve)));
    for (const ws of this.sockets) ws.terminate();
    await Promise.all(closed);
  }

  private connect(): void {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.sockets.add(ws);
    ws.on("error", () => {});
    ws.on("close", (code) => {
      this.sockets.delete(ws);
      if (code === 1013) this.evicted += 1;
      if (this.running) this.connect();
    });
  }
}
