import { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkDns, checkTcp, checkUrl } from "../../src/diagnostics/index.js";
import type { DoctorContext } from "../../src/diagnostics/types.js";
import { type Closable, closedPort, makeContext, startSilentTcpServer } from "../helpers/doctor.js";

const servers: Closable[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const withConfigUrl = (url: string): DoctorContext => ({
  options: {},
  config: { url, token: "t", environment: "local", timeoutMs: 1000, sources: {} },
  networkTimeoutMs: 300,
  protocolTimeoutMs: 300,
  eventTimeoutMs: 300,
  cleanups: [],
});

describe("checkUrl", () => {
  it("passes a ws URL and records host and port", async () => {
    const ctx = withConfigUrl("ws://127.0.0.1:9999");
    expect(await checkUrl(ctx)).toEqual({ status: "pass", detail: "scheme ws, host 127.0.0.1, port 9999" });
    expect([ctx.host, ctx.port]).toEqual(["127.0.0.1", 9999]);
  });

  it("uses the scheme's default port and shows a path", async () => {
    const ctx = withConfigUrl("wss://supervisor.example.com/link");
    expect((await checkUrl(ctx)).detail).toBe(
      "scheme wss, host supervisor.example.com, port 443, path /link",
    );
    const plain = withConfigUrl("ws://[::1]");
    await checkUrl(plain);
    expect([plain.host, plain.port]).toEqual(["::1", 80]);
  });

  it.each([
    ["http://127.0.0.1:9999", "has scheme http", "Write ws:// instead of http://."],
    ["127.0.0.1:9999", "has no scheme", "Write ws://127.0.0.1:9999."],
    [
      "::nonsense",
      "is not a URL",
      "Use a WebSocket URL such as ws://127.0.0.1:9999 (or wss://host for TLS).",
    ],
  ])("fails %s with a hint", async (url, detail, hint) => {
    const outcome = await checkUrl(withConfigUrl(url));
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toContain(detail);
    expect(outcome.hint).toBe(hint);
  });
});

describe("checkDns", () => {
  it("needs no lookup for an IP address", async () => {
    const ctx = makeContext("ws://127.0.0.1:1");
    expect(await checkDns(ctx)).toEqual({
      status: "pass",
      detail: "127.0.0.1 is an IP address; no lookup needed",
    });
    expect(ctx.addresses).toEqual(["127.0.0.1"]);
  });

  it("resolves localhost with the system resolver and shows the addresses", async () => {
    const ctx = makeContext("ws://localhost:1");
    const outcome = await checkDns(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/^localhost → /);
    expect(ctx.addresses?.length).toBeGreaterThan(0);
  });

  it("fails with the resolver's code when the host does not resolve", async () => {
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nope.invalid"), { code: "ENOTFOUND" });
    };
    const outcome = await checkDns(makeContext("ws://nope.invalid:1", {}, { lookup }));
    expect(outcome).toMatchObject({ status: "fail", detail: "cannot resolve nope.invalid (ENOTFOUND)" });
    expect(outcome.hint).toMatch(/host name/);
  });

  it("fails when the resolver does not answer in time", async () => {
    const lookup = () => new Promise<never>(() => {});
    const outcome = await checkDns(makeContext("ws://slow.example:1", { networkTimeoutMs: 20 }, { lookup }));
    expect(outcome).toMatchObject({ status: "fail", detail: "no DNS answer for slow.example within 20 ms" });
  });

  it("fails when the host resolves to nothing", async () => {
    const outcome = await checkDns(makeContext("ws://empty.example:1", {}, { lookup: async () => [] }));
    expect(outcome).toMatchObject({ status: "fail", detail: "empty.example resolves to no address" });
  });
});

describe("checkTcp", () => {
  it("passes when the port accepts a connection", async () => {
    const server = await startSilentTcpServer();
    servers.push(server);
    expect(await checkTcp(makeContext(server.url))).toEqual({
      status: "pass",
      detail: `127.0.0.1:${server.port} accepts connections`,
    });
  });

  it("says Connection refused, with the start command, for a closed port", async () => {
    const port = await closedPort();
    const outcome = await checkTcp(makeContext(`ws://127.0.0.1:${port}`));
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe(
      `Connection refused at 127.0.0.1:${port}: nothing is listening on port ${port}`,
    );
    expect(outcome.hint).toContain("xswarm-dev supervisor");
    expect(outcome.hint).toContain("cargo run --bin xswarm");
    expect(outcome.hint).toContain(`lsof -i :${port}`);
  });

  it("tells a timeout apart from a refusal", async () => {
    // A socket that never connects: what a host that drops packets looks like.
    const outcome = await checkTcp(
      makeContext("ws://10.255.255.1:9999", { networkTimeoutMs: 20 }, { connectTcp: () => new Socket() }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe("no answer from 10.255.255.1:9999 within 20 ms (timed out, not refused)");
    expect(outcome.hint).toMatch(/firewall/);
  });

  it("tries each address and passes on the first that accepts, naming those that did not", async () => {
    const server = await startSilentTcpServer();
    servers.push(server);
    const ctx = makeContext(`ws://localhost:${server.port}`, { addresses: ["127.0.0.2", "127.0.0.1"] });
    // Nothing listens on 127.0.0.2 for this port (the server is bound to 127.0.0.1 only).
    const outcome = await checkTcp(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toBe(
      `127.0.0.1:${server.port} accepts connections (127.0.0.2:${server.port}: ECONNREFUSED)`,
    );
  });

  it("shows IPv6 addresses in brackets", async () => {
    const port = await closedPort();
    const outcome = await checkTcp(
      makeContext(
        `ws://[::1]:${port}`,
        { addresses: ["::1"] },
        {
          connectTcp: () => {
            const socket = new Socket();
            queueMicrotask(() =>
              socket.emit("error", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
            );
            return socket;
          },
        },
      ),
    );
    expect(outcome.detail).toBe(`Connection refused at [::1]:${port}: nothing is listening on port ${port}`);
  });

  it("reports other socket errors by code", async () => {
    const outcome = await checkTcp(
      makeContext(
        "ws://10.0.0.1:9999",
        {},
        {
          connectTcp: () => {
            const socket = new Socket();
            queueMicrotask(() =>
              socket.emit("error", Object.assign(new Error("x"), { code: "EHOSTUNREACH" })),
            );
            return socket;
          },
        },
      ),
    );
    expect(outcome).toMatchObject({
      status: "fail",
      detail: "cannot connect to 10.0.0.1:9999 (EHOSTUNREACH)",
    });
  });
});
