import { afterEach, describe, expect, it } from "vitest";
import { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ConnectionState } from "../../src/client/types.js";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import { startTap } from "../../src/supervisor/tap.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { connectClient, isType } from "../helpers/tap-fixtures.js";

const TOKEN = "tap-supervisor-token-77";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function supervisor(port = 0): Promise<SupervisorHandle> {
  const handle = await startSupervisor({ port, token: TOKEN, logFile: null, responder: "echo" });
  cleanups.push(() => handle.close());
  return handle;
}

async function tapInFront(upstream: string) {
  const tap = await startTap({ port: 0, upstream });
  cleanups.push(() => tap.close());
  const feed: TrafficEntry[] = [];
  tap.feed.subscribe((e) => {
    if (!e.event) feed.push(e);
  });
  return { tap, feed };
}

function client(url: string): SupervisorClient {
  const c = new SupervisorClient({
    url,
    authToken: TOKEN,
    heartbeatIntervalMs: 0,
    reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  cleanups.push(() => c.disconnect());
  return c;
}

function becomes(c: SupervisorClient, status: ConnectionState["status"]): Promise<void> {
  return new Promise((resolve) => {
    const on = (state: ConnectionState) => {
      if (state.status !== status) return;
      c.off("state", on);
      resolve();
    };
    c.on("state", on);
  });
}

const sms = { from: "+15551234567", to: "+15559876543", message: "Hello boss", user: "alice" };

describe("tap in front of the embedded supervisor", () => {
  it("carries SupervisorClient traffic both ways and pairs every reply in its feed", async () => {
    const sup = await supervisor();
    const { tap, feed } = await tapInFront(sup.url);
    const c = client(tap.url);
    await c.connect();
    const smsReply = await c.sendSmsEvent(sms);
    expect(smsReply).toMatchObject({ type: "send_sms_response", to: sms.from, user: "alice" });
    const emailReply = await c.sendEmailEvent({
      from: "alice@example.com",
      to: "xswarm@example.com",
      subject: "Plans",
      body: "What is next?",
      user: "alice",
    });
    expect(emailReply).toMatchObject({ type: "send_email_response", subject: "Re: Plans" });

    const types = feed.map((e) => `${e.direction} ${String(e.frame?.type)}`);
    expect(types).toEqual([
      "in auth",
      "out auth_result",
      "in sms_received",
      "out send_sms_response",
      "in email_received",
      "out send_email_response",
    ]);
    for (const [request, reply] of [
      [feed[0], feed[1]],
      [feed[2], feed[3]],
      [feed[4], feed[5]],
    ]) {
      expect(reply?.reply_to).toBe(request?.seq);
    }
    expect(feed[0]?.frame?.token).not.toBe(TOKEN);
  });

  it("answers monitor itself (the supervisor never sees it) and copies the client's traffic", async () => {
    const sup = await supervisor();
    const upstreamTypes: string[] = [];
    sup.feed.subscribe((e) => {
      if (e.direction === "in") upstreamTypes.push(String(e.frame?.type));
    });
    const { tap } = await tapInFront(sup.url);
    const monitor = await connectClient(tap.url);
    monitor.sendJson({ type: "auth", token: TOKEN });
    expect((await monitor.next()).json).toMatchObject({ type: "auth_result", success: true });
    monitor.sendJson({ type: "monitor" });
    expect((await monitor.next()).json).toEqual({ type: "monitor_started", source: "tap" });

    const c = client(tap.url);
    await c.connect();
    await c.sendSmsEvent(sms);
    const copy = await monitor.until(
      (f) =>
        f.json?.type === "traffic" &&
        (f.json.frame as { type?: string } | null)?.type === "send_sms_response",
    );
    expect(copy.frame.json).toMatchObject({ direction: "out", reply_to: expect.any(Number) });
    expect(upstreamTypes).not.toContain("monitor");
  });

  it("lets a reconnecting client come back after the supervisor restarts", async () => {
    const sup = await supervisor();
    const port = sup.port;
    const { tap } = await tapInFront(sup.url);
    const c = client(tap.url);
    await c.connect();
    expect((await c.sendSmsEvent(sms)).type).toBe("send_sms_response");

    const reconnecting = becomes(c, "reconnecting");
    await sup.close();
    await reconnecting;

    const ready = becomes(c, "ready");
    const again = await supervisor(port);
    expect(again.port).toBe(port);
    await ready;
    expect((await c.sendSmsEvent(sms)).type).toBe("send_sms_response");
  });

  it("closes the client with the supervisor's 1001 when the supervisor shuts down", async () => {
    const sup = await supervisor();
    const { tap } = await tapInFront(sup.url);
    const raw = await connectClient(tap.url);
    raw.sendJson({ type: "ping" });
    await raw.until(isType("pong"));
    await sup.close();
    expect((await raw.closed).code).toBe(1001);
  });
});
