import { afterEach, describe, expect, it } from "vitest";
import { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ConnectionState } from "../../src/client/types.js";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { ClientSource } from "../../src/watch/client-source.js";
import type { SourceStatus, WatchNote } from "../../src/watch/types.js";
import { defaultReply, ProtocolServer } from "../helpers/protocol-server.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Collects what a source delivers, and resolves when a condition holds. */
function watch(source: ClientSource) {
  const entries: TrafficEntry[] = [];
  const statuses: SourceStatus[] = [];
  const states: ConnectionState[] = [];
  const notes: WatchNote[] = [];
  const waiters: (() => void)[] = [];
  const poke = () => {
    for (const w of waiters.splice(0)) w();
  };
  source.subscribe((e) => {
    entries.push(e);
    poke();
  });
  source.onStatus((s) => {
    statuses.push(s);
    poke();
  });
  source.onConnection((s) => {
    states.push(s);
    poke();
  });
  source.onNote((n) => {
    notes.push(n);
    poke();
  });
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { entries, statuses, states, notes, until };
}

function client(url: string) {
  const c = new SupervisorClient({
    url,
    heartbeatIntervalMs: 0,
    reconnect: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  return c;
}

async function supervisor(port = 0): Promise<SupervisorHandle> {
  const handle = await startSupervisor({ port, logFile: null, responder: "echo" });
  cleanups.push(() => handle.close());
  return handle;
}

/** Another client of the supervisor (as a webhook server would be) sends one SMS. */
async function smsFromAnotherClient(url: string, message: string): Promise<void> {
  const other = client(url);
  cleanups.push(() => other.disconnect());
  await other.connect();
  await other.sendSmsEvent({ from: "+15551234567", to: "+15557654321", message, user: "zed" });
}

const types = (entries: TrafficEntry[]) => entries.map((e) => `${e.direction} ${String(e.frame?.type)}`);

describe("ClientSource on a supervisor with a traffic feed", () => {
  it("shows every client's traffic, with replies paired to their requests", async () => {
    const sup = await supervisor();
    const source = new ClientSource(client(sup.url));
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => source.status().kind === "feed");
    expect(source.status().label).toBe("supervisor feed");

    await smsFromAnotherClient(sup.url, "from elsewhere");
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "send_sms_response"));
    const request = seen.entries.find((e) => e.frame?.type === "sms_received");
    const reply = seen.entries.find((e) => e.frame?.type === "send_sms_response");
    expect(request?.frame?.message).toBe("from elsewhere");
    expect(reply?.reply_to).toBe(request?.seq);
    expect(reply?.connection_id).toBe(request?.connection_id);
    // The other client's token is masked.
    const auth = seen.entries.find((e) => e.frame?.type === "auth");
    expect(auth?.frame?.token).toBe("dev-…345");
  });

  it("asks for the feed again after the supervisor restarts", async () => {
    const first = await supervisor();
    const port = first.port;
    const source = new ClientSource(client(first.url));
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => source.status().kind === "feed");
    await smsFromAnotherClient(first.url, "before restart");
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "send_sms_response"));
    await first.close();
    await seen.until(() => seen.states.some((s) => s.status === "reconnecting"));
    const second = await supervisor(port);
    await seen.until(() => seen.statuses.filter((s) => s.kind === "feed").length >= 2);
    const before = Math.max(...seen.entries.map((e) => e.seq));
    await smsFromAnotherClient(second.url, "after restart");
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "send_sms_response" && e.seq > before));
    // The new supervisor numbers from 1 again; the dashboard's numbers go on, links included.
    const request = seen.entries.find((e) => e.frame?.message === "after restart");
    const reply = seen.entries.find((e) => e.frame?.type === "send_sms_response" && e.seq > before);
    expect(request?.seq).toBeGreaterThan(before);
    expect(reply?.reply_to).toBe(request?.seq);
    const seqs = seen.entries.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seen.notes.map((n) => n.kind)).toContain("restart");
  });
});

describe("ClientSource on a supervisor without a feed (like the Rust one)", () => {
  it("shows its own sends, replies and broadcasts, and says there is no feed", async () => {
    const server = await ProtocolServer.start();
    cleanups.push(() => server.stop());
    const c = client(server.url);
    const source = new ClientSource(c);
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => source.status().kind === "own");
    expect(source.status().detail).toContain("xswarm-dev tap");
    await c.sendSmsEvent({ from: "+15551234567", to: "+15557654321", message: "mine", user: "me" });
    server.broadcast({ type: "user_transcription", text: "hello", timestamp: "2025-01-15T10:30:00Z" });
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "user_transcription"));
    expect(types(seen.entries)).toEqual([
      "in auth",
      "out auth_result",
      "in monitor",
      "out error",
      "in sms_received",
      "out message_acknowledged",
      "out user_transcription",
    ]);
    const [auth, authResult, , , request, ack, broadcast] = seen.entries;
    expect(auth?.frame?.token).toBe("dev-…345");
    expect(authResult?.reply_to).toBe(auth?.seq);
    expect(ack?.reply_to).toBe(request?.seq);
    expect(ack?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(broadcast?.reply_to).toBeUndefined();
  });
});

describe("ClientSource and reminders", () => {
  it("shows a reminder broadcast as a reminder, not as the reply to the waiting SMS", async () => {
    const server = await ProtocolServer.start({
      respond: (message) => (message.type === "sms_received" ? null : defaultReply(message)),
    });
    cleanups.push(() => server.stop());
    const c = client(server.url);
    const source = new ClientSource(c);
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => source.status().kind === "own");
    const sending = c.sendSmsEvent(
      { from: "+15551234567", to: "+15557654321", message: "hi", user: "alice" },
      { timeoutMs: 500 },
    );
    sending.catch(() => {});
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "sms_received"));
    server.broadcast({
      type: "send_sms_response",
      to: "+15557654321",
      message: "Reminder: dentist",
      user: "bob",
    });
    await seen.until(() => seen.notes.some((n) => n.kind === "reminder"));
    await seen.until(() => seen.entries.some((e) => e.frame?.type === "send_sms_response"));
    const reminder = seen.entries.find((e) => e.frame?.type === "send_sms_response");
    expect(reminder?.reply_to).toBeUndefined();
    expect(seen.notes.find((n) => n.kind === "reminder")?.text).toBe('reminder for bob: "Reminder: dentist"');
  });
});

describe("ClientSource when nothing listens yet", () => {
  it("keeps retrying the first connection and reports the wait", async () => {
    const server = await ProtocolServer.start();
    const port = server.port;
    await server.stop();
    const source = new ClientSource(
      new SupervisorClient({
        url: `ws://127.0.0.1:${port}`,
        heartbeatIntervalMs: 0,
        reconnect: { baseDelayMs: 20, maxDelayMs: 40 },
        retryFirstConnection: true,
      }),
    );
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => seen.states.filter((s) => s.status === "reconnecting").length >= 2);
    const attempts = seen.states.flatMap((s) => (s.status === "reconnecting" ? [s.attempt] : []));
    expect(attempts.slice(0, 2)).toEqual([1, 2]);
    await server.listen();
    cleanups.push(() => server.stop());
    await seen.until(() => source.connection()?.status === "ready");
  });

  it("reconnects at once on request", async () => {
    const server = await ProtocolServer.start();
    cleanups.push(() => server.stop());
    const source = new ClientSource(client(server.url));
    cleanups.push(() => source.close());
    const seen = watch(source);
    await source.start();
    await seen.until(() => source.connection()?.status === "ready");
    source.reconnect();
    await server.waitForConnection(2);
    await seen.until(() => seen.states.filter((s) => s.status === "ready").length >= 2);
  });
});
