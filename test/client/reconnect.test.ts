import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionLostError,
  NotConnectedError,
  type SupervisorClientOptions,
} from "../../src/client/index.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, record, SMS, waitForState } from "./util.js";

const { serverAndClient } = clientFixtures();

async function setup(options: SupervisorClientOptions = {}) {
  const { server, client } = await serverAndClient(options);
  const log = record(client);
  await client.connect();
  return { server, client, log };
}

describe("reconnect after an unexpected close", () => {
  it("is ready again after the supervisor restarts on the same port, and re-authenticates", async () => {
    const { server, client, log } = await setup({ reconnect: { baseDelayMs: 5, maxDelayMs: 40 } });
    await server.stop();
    await waitForState(client, "reconnecting", (s) => s.attempt >= 3);
    expect(client.isReady()).toBe(false);
    await server.listen();
    await waitForState(client, "ready");
    const second = server.connections.at(-1);
    expect(second?.receivedMessages[0]).toEqual({ type: "auth", token: "dev-token-12345" });
    expect(second?.authenticated).toBe(true);
    expect((await client.sendSmsEvent(SMS)).user).toBe("alice");
    const attempts = log.states.flatMap((s) => (s.status === "reconnecting" ? [s.attempt] : []));
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    for (const s of log.states) if (s.status === "reconnecting") expect(s.delayMs).toBeLessThanOrEqual(40);
  });

  it("resets the attempt counter only after auth succeeds", async () => {
    const { server, client, log } = await setup({ reconnect: { baseDelayMs: 1, maxDelayMs: 4 } });
    // The next three connections open and are dropped before auth: each is a failed attempt.
    let dropped = 0;
    server.onConnection = (conn) => {
      if (dropped < 3) {
        dropped++;
        conn.terminate();
      }
    };
    server.connections[0]?.terminate();
    await waitForState(client, "ready", () => dropped === 3);
    server.onConnection = undefined;
    const firstRound = log.states.flatMap((s) => (s.status === "reconnecting" ? [s.attempt] : []));
    expect(firstRound).toEqual([1, 2, 3, 4]);
    log.states.length = 0;
    server.connections.at(-1)?.terminate();
    expect(await waitForState(client, "reconnecting")).toMatchObject({ attempt: 1 });
    await waitForState(client, "ready");
  });

  it("uses full-jitter exponential backoff with a cap, from the injected random source", async () => {
    const clock = new FakeClock();
    const { server, client, log } = await setup({
      clock,
      random: () => 0.5,
      reconnect: { baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 4 },
    });
    await server.stop();
    await waitForState(client, "reconnecting");
    for (let i = 0; i < 4; i++) {
      const before = log.states.length;
      clock.advance(1000);
      await waitForState(client, i < 3 ? "reconnecting" : "closed", () => log.states.length > before + 1);
    }
    const delays = log.states.flatMap((s) => (s.status === "reconnecting" ? [s.delayMs] : []));
    expect(delays).toEqual([50, 100, 150, 150]);
    expect(client.state).toMatchObject({
      status: "closed",
      reason: expect.stringMatching(/gave up after 4/),
    });
    expect(clock.pending).toBe(0);
  });

  it("reconnect: false closes for good on a lost connection", async () => {
    const { server, client } = await setup({ reconnect: false });
    server.connections[0]?.terminate();
    const state = await waitForState(client, "closed");
    expect(state.error).toBeInstanceOf(ConnectionLostError);
  });
});

describe("final states", () => {
  it("auth failure is final: no new connection for 3x the backoff cap", async () => {
    const clock = new FakeClock();
    const cap = 200;
    const { server, client } = await setup({
      clock,
      random: () => 0.99,
      reconnect: { baseDelayMs: 50, maxDelayMs: cap },
    });
    await server.stop();
    await waitForState(client, "reconnecting");
    server.token = "rotated-token";
    await server.listen();
    clock.advance(cap);
    const state = await waitForState(client, "auth_failed");
    expect(state.message).toMatch(/^Authentication failed/);
    expect(server.connections).toHaveLength(2);
    expect(clock.pending).toBe(0);
    clock.advance(3 * cap);
    expect(server.connections).toHaveLength(2);
    expect(client.state.status).toBe("auth_failed");
    await expect(client.sendSmsEvent(SMS, { waitForReady: true })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it("disconnect() is final: closed, no reconnect, sends reject", async () => {
    const clock = new FakeClock();
    const { server, client } = await setup({ clock, reconnect: { baseDelayMs: 10, maxDelayMs: 10 } });
    client.disconnect();
    expect(client.state).toEqual({ status: "closed", reason: "disconnect() was called" });
    await server.connections[0]?.closed;
    expect(clock.pending).toBe(0);
    clock.advance(100);
    expect(server.connections).toHaveLength(1);
    await expect(client.sendSmsEvent(SMS)).rejects.toBeInstanceOf(NotConnectedError);
    await expect(client.sendSmsEvent(SMS, { waitForReady: true })).rejects.toThrow(
      /disconnect\(\) was called/,
    );
    client.disconnect();
    expect(client.state.status).toBe("closed");
  });

  it("connect() after disconnect() opens a new connection on request", async () => {
    const { server, client } = await setup();
    client.disconnect();
    await client.connect();
    expect(client.isReady()).toBe(true);
    expect(server.connections).toHaveLength(2);
  });
});

describe("in-flight requests on a lost connection", () => {
  it("reject at once with ConnectionLostError and are never re-sent", async () => {
    const { server, client } = await setup({
      requestTimeoutMs: 60_000,
      reconnect: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    server.respond = () => new Promise(() => {});
    const first = server.connections[0];
    const inflight = [1, 2, 3].map((i) =>
      client.sendSmsEvent({ ...SMS, user: `u${i}` }).catch((e: unknown) => e),
    );
    await first?.waitForMessages(4);
    first?.terminate();
    for (const error of await Promise.all(inflight)) {
      expect(error).toBeInstanceOf(ConnectionLostError);
      expect((error as Error).message).toMatch(/not re-sent/);
    }
    server.respond = (m) => ({ type: "pong", m });
    await waitForState(client, "ready");
    await client.ping();
    expect(server.connections[1]?.receivedMessages.map((m) => m.type)).toEqual(["auth", "ping"]);
  });

  it("disconnect() rejects in-flight requests at once too", async () => {
    const { server, client } = await setup({ requestTimeoutMs: 60_000 });
    server.respond = () => null;
    const pending = client.sendSmsEvent(SMS).catch((e: unknown) => e);
    await server.connections[0]?.waitForMessages(2);
    client.disconnect();
    expect(await pending).toBeInstanceOf(ConnectionLostError);
  });
});
