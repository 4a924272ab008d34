import { describe, expect, it, vi } from "vitest";
import { NotConnectedError, type SupervisorClientOptions, TimeoutError } from "../../src/client/index.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, record, SMS, waitForState } from "./util.js";

const { serverAndClient } = clientFixtures();

async function setup(options: SupervisorClientOptions = {}) {
  const clock = new FakeClock();
  const { server, client } = await serverAndClient({
    clock,
    random: () => 0,
    heartbeatIntervalMs: 1000,
    heartbeatTimeoutMs: 500,
    requestTimeoutMs: 60_000,
    reconnect: { baseDelayMs: 10, maxDelayMs: 10 },
    ...options,
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

  it("an idle link whose pong does not come is lost at once, and a send then does not go into it", async () => {
    const { clock, server, client, connection } = await setup();
    connection.answerPings = false;
    const pinged = connection.waitForPing();
    clock.advance(1000);
    await pinged;
    clock.advance(499);
    expect(client.state.status).toBe("ready");
    const states = record(client).states;
    server.onConnection = (c) => {
      c.answerPings = false;
    };
    clock.advance(1);
    expect(states[0]).toMatchObject({ status: "reconnecting", attempt: 1, delayMs: 0 });
    const error = await client.sendSmsEvent(SMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as Error).message).toMatch(
      /^WebSocket not connected \((re)?connecting; the connection was lost: no pong within 500 ms\)$/,
    );
    expect(connection.received).toHaveLength(1); // auth only: the SMS never went into the dead socket
    await connection.closed;
    await waitForState(client, "ready");
    expect(server.connections).toHaveLength(2);
  });

  it("while a request waits, a late pong is not a verdict: the request's timeout is; then the link is lost", async () => {
    const { clock, server, client, connection } = await setup({ requestTimeoutMs: 3000 });
    connection.answerPings = false;
    server.respond = () => null;
    const inflight = client.sendSmsEvent(SMS).catch((e: unknown) => e);
    await connection.waitForMessages(2);
    const pinged = connection.waitForPing();
    clock.advance(1000);
    await pinged;
    clock.advance(1500); // the pong is 1000 ms late, but the supervisor may be busy with the SMS
    expect(client.state.status).toBe("ready");
    const states = record(client).states;
    clock.advance(500); // the request times out with nothing heard since the ping: the link is dead
    expect(await inflight).toBeInstanceOf(TimeoutError);
    expect(states[0]).toMatchObject({ status: "reconnecting", attempt: 1 });
    await connection.closed;
  });

  it("any frame from the peer after the ping proves the link alive", async () => {
    const { clock, client, connection } = await setup();
    connection.answerPings = false;
    const pinged = connection.waitForPing();
    clock.advance(1000);
    await pinged;
    connection.send({ type: "user_speech", duration_ms: 5, timestamp: "t" });
    await vi.waitFor(() => expect(connection.socket.bufferedAmount).toBe(0));
    await client.ping(); // the broadcast, sent before the pong, has been read by then
    clock.advance(500);
    expect(client.state.status).toBe("ready");
  });
});
