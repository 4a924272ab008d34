import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError } from "../../src/client/errors.js";
import { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ServerEvent } from "../../src/protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../src/protocol/messages.js";
import { runLoad } from "../../src/send/load.js";
import type { ProgressState } from "../../src/send/progress.js";
import { sendMany, sendOnce } from "../../src/send/send.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";

const TOKEN = "load-test-token-1234";
const SMS = { from: "+15551234567", to: "+15557654321", message: "hi", user: "alice" };
const handles: SupervisorHandle[] = [];
const clients: SupervisorClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function supervisor(respond?: (m: SmsReceivedMessage | EmailReceivedMessage) => Promise<ServerEvent>) {
  const handle = await startSupervisor({
    port: 0,
    token: TOKEN,
    logFile: null,
    ...(respond ? { responder: { name: "test", respond } } : {}),
  });
  handles.push(handle);
  return handle;
}

async function client(url: string, requestTimeoutMs = 2000) {
  const c = new SupervisorClient({
    url,
    authToken: TOKEN,
    requestTimeoutMs,
    reconnect: false,
    heartbeatIntervalMs: 0,
  });
  clients.push(c);
  await c.connect();
  return c;
}

const ack = (user: string): ServerEvent => ({
  type: "message_acknowledged",
  message_type: "sms",
  user,
  timestamp: new Date().toISOString(),
});

describe("runLoad against a real supervisor", () => {
  it("counts every event ok, keeps at most C in flight, and reports progress to the end", async () => {
    // One slow event among 60: the maximum shows it, the median does not.
    const handle = await supervisor(async (m) => {
      if ("message" in m && m.message === "slow") await new Promise((resolve) => setTimeout(resolve, 250));
      return ack(m.user);
    });
    const c = await client(handle.url);
    let inFlight = 0;
    let peak = 0;
    const progress: ProgressState[] = [];
    const { summary, firstErrors } = await runLoad({
      count: 60,
      concurrency: 7,
      send: async (i) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await c.sendSmsEvent(i === 30 ? { ...SMS, message: "slow" } : SMS);
        } finally {
          inFlight -= 1;
        }
      },
      onProgress: (state) => progress.push(state),
    });
    expect(summary).toMatchObject({ sent: 60, ok: 60, failed: 0, errors: {} });
    expect(firstErrors.size).toBe(0);
    expect(peak).toBe(7);
    const { p50, p95, p99, max } = summary.latency_ms;
    expect([p50, p95, p99, max]).not.toContain(null);
    expect(max).toBeGreaterThanOrEqual(250);
    expect(p50).toBeLessThan(250);
    expect(summary.throughput_per_s).toBeGreaterThan(0);
    expect(progress).toHaveLength(60);
    expect(progress.at(-1)).toMatchObject({ done: 60, total: 60, ok: 60, failed: 0 });
  });

  it("counts supervisor errors by kind, with their latency, and keeps one of each", async () => {
    const handle = await supervisor(async (m) =>
      "message" in m && m.message.startsWith("fail") ? { type: "error", message: "nope" } : ack(m.user),
    );
    const c = await client(handle.url);
    const { summary, firstErrors } = await runLoad({
      count: 20,
      concurrency: 3,
      send: (i) => c.sendSmsEvent({ ...SMS, message: i % 4 === 0 ? `fail ${i}` : `ok ${i}` }),
    });
    expect(summary).toMatchObject({ sent: 20, ok: 15, failed: 5, errors: { supervisor_error: 5 } });
    expect(firstErrors.get("supervisor_error")).toMatchObject({ supervisorMessage: "nope" });
    expect(summary.latency_ms.max).toBeGreaterThan(0);
  });

  it("counts timeouts, without latency", async () => {
    const handle = await supervisor(
      (m) => new Promise((resolve) => setTimeout(() => resolve(ack(m.user)), 400)),
    );
    const c = await client(handle.url, 100);
    const { summary } = await runLoad({ count: 4, concurrency: 4, send: () => c.sendSmsEvent(SMS) });
    expect(summary).toMatchObject({ sent: 4, ok: 0, failed: 4, errors: { timeout: 4 } });
    expect(summary.latency_ms).toEqual({ p50: null, p95: null, p99: null, max: null });
  });
});

describe("runLoad pacing", () => {
  it("starts event i no earlier than i / rate seconds after the start", async () => {
    let t = 1000;
    const starts: number[] = [];
    const { summary } = await runLoad({
      count: 6,
      concurrency: 1,
      rate: 4,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
      send: async () => {
        starts.push(t - 1000);
      },
    });
    expect(starts).toEqual([0, 250, 500, 750, 1000, 1250]);
    expect(summary).toMatchObject({ sent: 6, ok: 6, throughput_per_s: 4.8 });
  });

  it("does not wait when it is behind schedule", async () => {
    let t = 0;
    const sleeps: number[] = [];
    await runLoad({
      count: 3,
      concurrency: 1,
      rate: 10,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      send: async () => {
        t += 150; // slower than the 100 ms a send may take at 10 a second
      },
    });
    expect(sleeps).toEqual([]);
  });

  it("counts an error that is not an XswarmError as internal_error", async () => {
    const { summary } = await runLoad({
      count: 2,
      concurrency: 1,
      send: async () => {
        throw new Error("bug");
      },
    });
    expect(summary.errors).toEqual({ internal_error: 2 });
  });
});

describe("sendOnce and sendMany", () => {
  it("measures one round trip and returns the request as sent", async () => {
    const handle = await supervisor();
    const result = await sendOnce(
      { type: "sms_received", ...SMS },
      { url: handle.url, token: TOKEN, timeoutMs: 2000 },
    );
    expect(result.request).toEqual({ type: "sms_received", ...SMS });
    expect(result.reply).toMatchObject({ type: "message_acknowledged", message_type: "sms", user: "alice" });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it("sends every event of a load run over one connection", async () => {
    const handle = await supervisor();
    const connections = new Set<string>();
    handle.feed.subscribe((entry) => {
      if (entry.direction === "in") connections.add(entry.connection_id);
    });
    const { summary } = await sendMany(
      {
        type: "email_received",
        from: "a@example.com",
        to: "b@example.com",
        subject: "s",
        body: "b",
        user: "u",
      },
      { url: handle.url, token: TOKEN, timeoutMs: 2000 },
      { count: 15, concurrency: 4 },
    );
    expect(summary).toMatchObject({ sent: 15, ok: 15 });
    expect(connections.size).toBe(1);
  });

  it("throws when it cannot connect, instead of counting failures", async () => {
    const handle = await supervisor();
    const url = handle.url;
    await handle.close();
    handles.pop();
    await expect(
      sendMany(
        { type: "sms_received", ...SMS },
        { url, token: TOKEN, timeoutMs: 1000 },
        { count: 3, concurrency: 1 },
      ),
    ).rejects.toBeInstanceOf(ConnectionError);
  });
});
