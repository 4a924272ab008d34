import { describe, expect, it, vi } from "vitest";
import {
  ConnectionError,
  type ProtocolWarning,
  type ReminderBroadcast,
  SupervisorClient,
} from "../../src/index.js";
import { defaultReply, ProtocolServer, type Responder } from "../helpers/protocol-server.js";
import { clientFixtures, gate, SMS } from "./util.js";

const { cleanup, serverAndClient } = clientFixtures();

const REMINDER = {
  type: "send_sms_response",
  to: "+15550001111",
  message: "Reminder: dentist",
  user: "alice",
};
const REMINDER_SENT = {
  type: "reminder_sent",
  reminder_id: "rem-1",
  method: "sms",
  timestamp: "2025-01-15T10:30:00.123456789+00:00",
};

/** Records what a client emits about reminders and warnings. */
function listen(client: SupervisorClient) {
  const log = { reminders: [] as ReminderBroadcast[], warnings: [] as ProtocolWarning[] };
  client.on("reminder", (r) => log.reminders.push(r));
  client.on("protocol_warning", (w) => log.warnings.push(w));
  return log;
}

/** A responder that holds every reply until `release` opens, once `count` messages are waiting. */
function heldReplies(count: number) {
  const release = gate();
  const arrived = gate();
  let waiting = 0;
  const respond: Responder = async (message) => {
    if (++waiting === count) arrived.open();
    await release.promise;
    return defaultReply(message);
  };
  return { respond, release: release.open, arrived: arrived.promise };
}

describe("reminder broadcasts are not replies", () => {
  it("three concurrent sends for other users each get their own reply; the broadcast is a reminder", async () => {
    // The server answers one message at a time: holding the first holds all three.
    const held = heldReplies(1);
    const { server, client } = await serverAndClient({}, { respond: held.respond });
    const log = listen(client);
    await client.connect();
    const sends = ["bob", "carol", "dave"].map((user) => client.sendSmsEvent({ ...SMS, user }));
    await server.connections[0]?.waitForMessages(4);
    server.broadcast(REMINDER);
    server.broadcast(REMINDER_SENT);
    held.release();
    const replies = await Promise.all(sends);
    expect(replies.map((r) => [r.type, r.user])).toEqual([
      ["message_acknowledged", "bob"],
      ["message_acknowledged", "carol"],
      ["message_acknowledged", "dave"],
    ]);
    expect(log.reminders).toEqual([{ event: REMINDER, ambiguous: false }]);
    expect(log.warnings).toEqual([]);
  });

  it("three clients sending at once: the others ignore it; the one of the same user says it is ambiguous", async () => {
    const held = heldReplies(3);
    const server = await ProtocolServer.start({ respond: held.respond });
    cleanup.push(() => server.stop());
    const users = ["alice", "bob", "carol"];
    const clients = users.map((user) => {
      const client = new SupervisorClient({ url: server.url, heartbeatIntervalMs: 0 });
      cleanup.push(() => client.disconnect());
      return { user, client, log: listen(client) };
    });
    await Promise.all(clients.map(({ client }) => client.connect()));
    const sends = clients.map(({ client, user }) => client.sendSmsEvent({ ...SMS, user }));
    await held.arrived;
    server.broadcast(REMINDER);
    server.broadcast(REMINDER_SENT);
    const [alice, bob, carol] = clients;
    // alice's request fits the broadcast (same kind, same user): the wire cannot tell them apart.
    expect(await sends[0]).toEqual(REMINDER);
    await vi.waitFor(() => expect(alice?.log.reminders).toEqual([{ event: REMINDER, ambiguous: true }]));
    held.release();
    const others = await Promise.all(sends.slice(1));
    expect(others.map((r) => [r.type, r.user])).toEqual([
      ["message_acknowledged", "bob"],
      ["message_acknowledged", "carol"],
    ]);
    for (const other of [bob, carol])
      expect(other?.log.reminders).toEqual([{ event: REMINDER, ambiguous: false }]);
    // alice's real acknowledgement then fits no waiting request.
    await vi.waitFor(() => expect(alice?.log.warnings).toHaveLength(1));
    expect(alice?.log.warnings[0]?.message).toMatch(/^message_acknowledged fits no waiting request/);
  });

  it("a server that answers twice: the extra reply is a protocol warning and later replies stay in place", async () => {
    const { client } = await serverAndClient(
      {},
      {
        respond: (message, conn) => {
          const reply = defaultReply(message);
          if (message.type === "sms_received" && message.user === "twice") conn.send(reply);
          return reply;
        },
      },
    );
    const log = listen(client);
    await client.connect();
    const replies = await Promise.all(
      ["twice", "next", "last"].map((user) => client.sendSmsEvent({ ...SMS, user })),
    );
    expect(replies.map((r) => r.user)).toEqual(["twice", "next", "last"]);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]?.message).toContain('expected user "next"');
    expect(client.isReady()).toBe(true);
  });

  it("a server that answers auth with another reply type is not a supervisor: connect() rejects at once", async () => {
    const { server, client } = await serverAndClient({ connectTimeoutMs: 60_000 });
    server.onConnection = (conn) => {
      conn.socket.removeAllListeners("message");
      conn.socket.on("message", () => conn.send({ type: "pong" }));
    };
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "not_supervisor" });
    expect((error as Error).message).toContain("answered auth with `pong` instead of auth_result");
  });
});
