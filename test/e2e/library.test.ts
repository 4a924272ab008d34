import { describe, expect, it } from "vitest";

// The package root, as a user imports it: resolved through package.json `exports` to the built dist/.
const load = () => import("xswarm-dev");

describe("the xswarm-dev package root", () => {
  it("exports the client, its errors, the protocol, the configuration and the dev supervisor", async () => {
    const lib = await load();
    for (const name of [
      "SupervisorClient",
      "getSupervisorClient",
      "resetSupervisorClient",
      "withSupervisorFallback",
      "XswarmError",
      "ConnectionError",
      "AuthenticationError",
      "TimeoutError",
      "ConnectionLostError",
      "NotConnectedError",
      "ValidationError",
      "SupervisorError",
      "parseEvent",
      "encodeMessage",
      "loadConfig",
      "startSupervisor",
      "startTap",
      "createClaudeResponder",
    ])
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe("function");
    expect(typeof lib.ServerEvent.safeParse).toBe("function");
    expect(typeof lib.ClientMessage.safeParse).toBe("function");
  });

  it("runs the seed's SMS pattern end to end against its own dev supervisor", async () => {
    const { SupervisorClient, startSupervisor } = await load();
    const supervisor = await startSupervisor({ port: 0, responder: "echo", logFile: null });
    const client = new SupervisorClient({ url: supervisor.url, authToken: "dev-token-12345" });
    try {
      await client.connect();
      expect(client.isReady()).toBe(true);
      const response = await client.sendSmsEvent({
        from: "+15551234567",
        to: "+15559876543",
        message: "Hello Boss!",
        user: "username",
      });
      expect(response).toMatchObject({ type: "send_sms_response", to: "+15551234567", user: "username" });
    } finally {
      client.disconnect();
      await supervisor.close();
    }
  });
});
