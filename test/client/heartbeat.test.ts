import { describe, expect, it } from "vitest";
import { ConnectionLostError } from "../../src/client/index.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, record, waitForState } from "./util.js";

const { serverAndClient } = clientFixtures();

async function setup() {
  const clock = new FakeClock();
  const { server, client } = await serverAndClient({
    clock,
    random: () => 0,
    heartbeatIntervalMs: 1000,
    heartbeatTimeoutMs: 500,
    requestTimeoutMs: 60_000,
    reconnect: { baseDelayMs: 10, maxDelayMs: 10 },
  });
  await client.connect();
  const connection = server.connections[0];
  if (connection === undefined) throw new Error("no connection");
  return { clock, server, client, connection };
}

describe("heartbeat", () => {
  it("sends a ping frame every interval and stays up while pongs come back", async () => {
    const { clock, client, connection } = await setup();
    for (let i = 0; i < 3; i++) {
      const pinged = connection.waitForPing();
      clock.advance(1000);
      await pinged;
      // A JSON ping round trip: the pong frame, sent before its reply, has been handled by then,
      // and the next ping frame is due 1000 ms from now.
      await client.ping();
      expect(client.state.status).toBe("ready");
    }
    clock.advance(999);
    expect(client.state.status).toBe("ready");
    expect(connection.socket.readyState).toBe(connection.socket.OPEN);
  });

  it("terminates and reconnects when no pong arrives in time", async () => {
    const { clock, server, client, connection } = await setup();
    connection.answerPings = false;
    const inflight = client
      .sendSmsEvent({ from: "a", to: "b", message: "c", user: "d" })
      .catch((e: unknown) => e);
    server.respond = () => null;
    const pinged = connection.waitForPing();
    clock.advance(1000);
    await pinged;
    clock.advance(499);
    expect(client.state.status).toBe("ready");
    const states = record(client).states;
    clock.advance(1);
    expect(states[0]).toMatchObject({ status: "reconnecting", attempt: 1, delayMs: 0 });
    const error = await inflight;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toMatch(/no pong within 500 ms/);
    await connection.closed;
    await waitForState(client, "ready");
    expect(server.connections).toHaveLength(2);
  });
});
