import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  type ConnectionState,
  SupervisorClient,
  type SupervisorClientOptions,
} from "../../src/client/index.js";
import { ProtocolServer } from "../helpers/protocol-server.js";
import { clientFixtures, SMS, waitForState } from "./util.js";

const { cleanup } = clientFixtures();

/** A server that was started (to own a port) and stopped again: nothing listens until `listen()`. */
async function stoppedServer(token?: string): Promise<ProtocolServer> {
  const server = await ProtocolServer.start({ token });
  await server.stop();
  cleanup.push(() => server.stop());
  return server;
}

function client(options: SupervisorClientOptions): SupervisorClient {
  const c = new SupervisorClient({ heartbeatIntervalMs: 0, ...options });
  cleanup.push(() => c.disconnect());
  return c;
}

describe("retryFirstConnection", () => {
  it("keeps trying a refused first connection with the backoff, then connect() resolves once ready", async () => {
    const server = await stoppedServer();
    const c = client({
      url: server.url,
      retryFirstConnection: true,
      reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const states: ConnectionState[] = [];
    c.on("state", (s) => states.push(s));
    let settled: string | undefined;
    const ready = c.connect().then(
      () => {
        settled = "resolved";
      },
      (error: unknown) => {
        settled = `rejected: ${String(error)}`;
      },
    );
    await waitForState(c, "reconnecting", (s) => s.attempt >= 3);
    expect(settled).toBeUndefined();
    await server.listen();
    await ready;
    expect(settled).toBe("resolved");
    expect(c.isReady()).toBe(true);
    expect(states[0]).toEqual({ status: "connecting", attempt: 0 });
    const retries = states.flatMap((s) => (s.status === "reconnecting" ? [s] : []));
    expect(retries.slice(0, 3).map((s) => s.attempt)).toEqual([1, 2, 3]);
    for (const s of retries) expect(s.delayMs).toBeLessThanOrEqual(20);
    expect((await c.sendSmsEvent(SMS)).user).toBe("alice");
  });

  it("an auth failure still rejects connect(): it is final", async () => {
    const server = await stoppedServer("the-right-token");
    const c = client({
      url: server.url,
      authToken: "a-wrong-token-1234",
      retryFirstConnection: true,
      reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const outcome = c.connect().catch((e: unknown) => e);
    await waitForState(c, "reconnecting");
    await server.listen();
    expect(await outcome).toBeInstanceOf(AuthenticationError);
    expect(c.state.status).toBe("auth_failed");
  });

  it("rejects with the last error after maxAttempts", async () => {
    const server = await stoppedServer();
    const c = client({
      url: server.url,
      retryFirstConnection: true,
      reconnect: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
    });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(c.state).toMatchObject({ status: "closed", reason: expect.stringMatching(/gave up after 2/) });
  });

  it("is off by default: a refused first connect() rejects at once, no retry", async () => {
    const server = await stoppedServer();
    const c = client({ url: server.url, reconnect: { baseDelayMs: 1, maxDelayMs: 2 } });
    const states: string[] = [];
    c.on("state", (s) => states.push(s.status));
    await expect(c.connect()).rejects.toBeInstanceOf(ConnectionError);
    expect(states).toEqual(["connecting", "closed"]);
  });

  it("with reconnect: false is refused with a ValidationError naming the option", () => {
    expect(() => new SupervisorClient({ retryFirstConnection: true, reconnect: false })).toThrow(
      /retryFirstConnection/,
    );
  });
});
