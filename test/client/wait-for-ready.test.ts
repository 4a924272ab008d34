import { describe, expect, it } from "vitest";
import { NotConnectedError, TimeoutError } from "../../src/client/index.js";
import { FakeClock } from "./fake-clock.js";
import { clientFixtures, SMS, waitForState } from "./util.js";

const { serverAndClient: setup } = clientFixtures();

describe("sending while not ready", () => {
  it("rejects with NotConnectedError: WebSocket not connected", async () => {
    const { client } = await setup();
    const error = await client.sendSmsEvent(SMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect(error).toMatchObject({ code: "not_connected", message: "WebSocket not connected (idle)" });
    await expect(client.ping()).rejects.toBeInstanceOf(NotConnectedError);
  });

  it("before connect() was ever called, hints to call it (not to start a supervisor)", async () => {
    const { server, client } = await setup();
    const error = await client.sendSmsEvent(SMS).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: "WebSocket not connected (idle)",
      hint: "Call connect() first, or pass { waitForReady: true }.",
    });
    expect(server.connections).toEqual([]);
  });

  it("rejects while reconnecting, naming the state, with the start-a-supervisor hint", async () => {
    const { server, client } = await setup({ reconnect: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    await client.connect();
    server.connections[0]?.terminate();
    await waitForState(client, "reconnecting");
    const error = await client.sendSmsEvent(SMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as NotConnectedError).message).toMatch(
      /^WebSocket not connected \(reconnecting; the connection was lost: connection closed \(code 1006\)\)$/,
    );
    expect((error as NotConnectedError).hint).toMatch(/waitForReady: true/);
    expect((error as NotConnectedError).hint).toMatch(/^Start a supervisor/);
  });

  it("with waitForReady, waits in the queue and goes out only after auth succeeds", async () => {
    const started = performance.now();
    const { server, client } = await setup();
    const queued = [
      client.sendSmsEvent({ ...SMS, user: "q1" }, { waitForReady: true }),
      client.ping({ waitForReady: true }),
    ];
    const sent: string[] = [];
    client.on("sent", (m) => sent.push(m.type));
    await client.connect();
    const [sms, rtt] = await Promise.all(queued);
    expect(sms).toMatchObject({ user: "q1" });
    // The round trip is timed from when the ping went out after auth, not from when it was queued.
    expect(rtt).toBeLessThanOrEqual(performance.now() - started);
    expect(sent).toEqual(["auth", "sms_received", "ping"]);
    expect(server.connections[0]?.receivedMessages.map((m) => m.type)).toEqual([
      "auth",
      "sms_received",
      "ping",
    ]);
  });

  it("waits across a reconnect", async () => {
    const { server, client } = await setup({ reconnect: { baseDelayMs: 1, maxDelayMs: 5 } });
    await client.connect();
    await server.stop();
    await waitForState(client, "reconnecting");
    const queued = client.sendSmsEvent(SMS, { waitForReady: true });
    await server.listen();
    expect((await queued).user).toBe("alice");
    expect(server.connections.at(-1)?.receivedMessages.map((m) => m.type)).toEqual(["auth", "sms_received"]);
  });

  it("bounds the queue by count; overflow rejects", async () => {
    const { client } = await setup({ queue: { maxMessages: 2 } });
    const ok = [
      client.sendSmsEvent(SMS, { waitForReady: true }),
      client.sendSmsEvent(SMS, { waitForReady: true }),
    ];
    const error = await client.sendSmsEvent(SMS, { waitForReady: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as Error).message).toMatch(/send queue is full \(2 messages/);
    await client.connect();
    expect(await Promise.all(ok)).toHaveLength(2);
  });

  it("bounds the queue by bytes; overflow rejects", async () => {
    const { client } = await setup({ queue: { maxBytes: 300 } });
    const small = client.sendSmsEvent(SMS, { waitForReady: true });
    await expect(
      client.sendSmsEvent({ ...SMS, message: "x".repeat(300) }, { waitForReady: true }),
    ).rejects.toThrow(/300 bytes/);
    await client.connect();
    expect((await small).user).toBe("alice");
  });

  it("the timeout of a queued send runs from the call, and a timed-out send is never sent", async () => {
    const clock = new FakeClock();
    const { server, client } = await setup({ clock, requestTimeoutMs: 1000 });
    const early = client
      .sendSmsEvent({ ...SMS, user: "early" }, { waitForReady: true })
      .catch((e: unknown) => e);
    clock.advance(600);
    const later = client.sendSmsEvent({ ...SMS, user: "later" }, { waitForReady: true });
    clock.advance(400);
    expect(await early).toBeInstanceOf(TimeoutError);
    await client.connect();
    expect((await later).user).toBe("later");
    expect(server.connections[0]?.receivedMessages.map((m) => m.user ?? m.type)).toEqual(["auth", "later"]);
    // `later` kept its deadline from the call: answered, it does not time out when that passes. The
    // reply timer may stay armed while the link is open (its socket holds the process anyway);
    // disconnect() leaves none.
    clock.advance(1000);
    client.disconnect();
    expect(clock.pending).toBe(0);
  });
});
