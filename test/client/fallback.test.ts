import { afterEach, describe, expect, it } from "vitest";
import {
  getSupervisorClient,
  resetSupervisorClient,
  type SupervisorClient,
  type SupervisorClientOptions,
  withSupervisorFallback,
} from "../../src/index.js";
import { defaultReply } from "../helpers/protocol-server.js";
import { clientFixtures, gate, SMS, waitForState } from "./util.js";

// Registered before the fixtures' afterEach, so that it runs after their cleanup (after-hooks run as a stack).
afterEach(() => resetSupervisorClient());
const { serverAndClient } = clientFixtures();

async function setup(options: SupervisorClientOptions = {}) {
  const slow = gate();
  const { server, client } = await serverAndClient(options, {
    respond: async (m) =>
      m.type === "sms_received" && m.user === "admin"
        ? { type: "send_sms_response", to: m.from, message: "from the supervisor", user: m.user }
        : m.type === "sms_received" && m.user === "broken"
          ? { type: "error", message: "boom" }
          : m.type === "sms_received" && m.user === "slow"
            ? slow.promise.then(() => defaultReply(m))
            : defaultReply(m),
  });
  return { server, client, slow };
}

const smsAnswer = (client: SupervisorClient, user: string) =>
  client.sendSmsEvent({ ...SMS, user }).then((r) => (r.type === "send_sms_response" ? r.message : undefined));

describe("withSupervisorFallback", () => {
  it("uses the supervisor's answer when it is ready", async () => {
    const { client } = await setup();
    await client.connect();
    const result = await withSupervisorFallback(
      (c) => smsAnswer(c, "admin"),
      () => "local",
      { client },
    );
    expect(result).toEqual({ source: "supervisor", value: "from the supervisor" });
  });

  it("falls back without trying when the supervisor is not ready", async () => {
    const { client } = await setup();
    let tried = false;
    const result = await withSupervisorFallback(
      () => {
        tried = true;
        return "never";
      },
      (reason) => `local (${reason.code})`,
      { client },
    );
    expect(tried).toBe(false);
    expect(result).toMatchObject({
      source: "fallback",
      value: "local (not_ready)",
      reason: { code: "not_ready" },
    });
  });

  it("falls back on an error reply, a timeout, or no usable answer, and says why", async () => {
    const { client, slow } = await setup({ requestTimeoutMs: 50 });
    await client.connect();
    const local = () => "local";
    const broken = await withSupervisorFallback((c) => smsAnswer(c, "broken"), local, { client });
    expect(broken).toMatchObject({
      source: "fallback",
      value: "local",
      reason: { code: "supervisor_error" },
    });
    expect(broken.reason?.message).toContain("boom");
    const late = await withSupervisorFallback((c) => smsAnswer(c, "slow"), local, { client });
    expect(late).toMatchObject({ source: "fallback", reason: { code: "timeout" } });
    slow.open();
    const acked = await withSupervisorFallback((c) => smsAnswer(c, "alice"), local, { client });
    expect(acked).toMatchObject({ source: "fallback", reason: { code: "no_answer" } });
  });

  it("honours its own timeout and propagates errors of the fallback itself", async () => {
    const { client } = await setup({ requestTimeoutMs: 60_000 });
    await client.connect();
    const result = await withSupervisorFallback(
      (c) => smsAnswer(c, "slow"),
      () => 1,
      { client, timeoutMs: 20 },
    );
    expect(result).toMatchObject({ source: "fallback", value: 1, reason: { code: "timeout" } });
    client.disconnect();
    await expect(
      withSupervisorFallback(
        () => 1,
        () => Promise.reject(new Error("local failed")),
        { client },
      ),
    ).rejects.toThrow("local failed");
  });

  it("uses the shared client by default", async () => {
    const { server } = await setup();
    const shared = getSupervisorClient({ url: server.url, heartbeatIntervalMs: 0 });
    await waitForState(shared, "ready");
    const result = await withSupervisorFallback(
      (c) => smsAnswer(c, "admin"),
      () => "local",
    );
    expect(result.source).toBe("supervisor");
  });
});

describe("getSupervisorClient", () => {
  it("returns one shared instance that connects in the background", async () => {
    const { server } = await setup();
    const a = getSupervisorClient({ url: server.url, heartbeatIntervalMs: 0 });
    const b = getSupervisorClient({ url: "ws://127.0.0.1:1", authToken: "ignored-token" });
    expect(b).toBe(a);
    expect(a.url).toBe(server.url);
    await waitForState(a, "ready");
    expect(a.isReady()).toBe(true);
    expect(server.connections).toHaveLength(1);
    resetSupervisorClient();
    expect(a.state.status).toBe("closed");
    expect(getSupervisorClient({ url: server.url, heartbeatIntervalMs: 0 })).not.toBe(a);
  });

  it("retries in the background on a later call when the supervisor was down", async () => {
    const { server } = await setup();
    await server.stop();
    const shared = getSupervisorClient({ url: server.url, heartbeatIntervalMs: 0, retryIntervalMs: 0 });
    await waitForState(shared, "closed");
    await server.listen();
    expect(getSupervisorClient()).toBe(shared);
    await waitForState(shared, "ready");
  });

  it("stays closed after disconnect()", async () => {
    const { server } = await setup();
    const shared = getSupervisorClient({ url: server.url, heartbeatIntervalMs: 0, retryIntervalMs: 0 });
    await waitForState(shared, "ready");
    shared.disconnect();
    getSupervisorClient();
    expect(shared.state).toEqual({ status: "closed", reason: "disconnect() was called" });
  });
});
