import { describe, expect, it } from "vitest";
import { checkAuth, checkHandshake, checkPing } from "../../src/diagnostics/index.js";
import {
  doctorFixtures,
  startHttpServer,
  startRawWsServer,
  startSilentTcpServer,
} from "../helpers/doctor.js";

const { closables, context, protocolServer } = doctorFixtures();

describe("checkHandshake", () => {
  it("passes against a supervisor and keeps the connection for the next steps", async () => {
    const server = await protocolServer();
    const ctx = context(server.url);
    const outcome = await checkHandshake(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/^upgrade accepted \(HTTP 101\) in [\d.]+ ms$/);
    expect(ctx.probe).toBeDefined();
    await server.waitForConnection(1);
  });

  it("shows the HTTP status of a plain HTTP server on the port", async () => {
    const server = await startHttpServer(404, "nginx");
    closables.push(server);
    const outcome = await checkHandshake(context(server.url));
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe(
      "the server answered HTTP 404 Not Found (server: nginx) instead of upgrading to WebSocket",
    );
    expect(outcome.hint).toContain(
      `Something other than the supervisor may be listening on port ${server.port}`,
    );
  });

  it("fails with a timeout when the port accepts TCP but never answers HTTP", async () => {
    const server = await startSilentTcpServer();
    closables.push(server);
    const outcome = await checkHandshake(context(server.url, { networkTimeoutMs: 50 }));
    expect(outcome).toMatchObject({ status: "fail", detail: "no handshake answer within 50 ms" });
  });

  it("fails with the reason when the connection is refused", async () => {
    const server = await startSilentTcpServer();
    await server.close();
    const outcome = await checkHandshake(context(server.url));
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toMatch(/^handshake failed: connect ECONNREFUSED/);
  });
});

describe("checkPing", () => {
  it("gets a pong before auth and shows the round trip", async () => {
    const server = await protocolServer();
    const ctx = context(server.url);
    await checkHandshake(ctx);
    const outcome = await checkPing(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/^pong in [\d.]+ ms$/);
    const connection = await server.waitForConnection(1);
    expect(connection.authenticated).toBe(false);
    expect(connection.receivedMessages).toEqual([{ type: "ping" }]);
  });

  it("ignores broadcasts that arrive before the pong", async () => {
    const server = await startRawWsServer((message, socket) => {
      socket.send(
        JSON.stringify({ type: "user_transcription", text: "hi", timestamp: "2025-01-15T10:30:00Z" }),
      );
      socket.send(JSON.stringify({ type: "brand_new_event" }));
      return message.type === "ping" ? { type: "pong" } : null;
    });
    closables.push(server);
    const ctx = context(server.url);
    await checkHandshake(ctx);
    expect((await checkPing(ctx)).status).toBe("pass");
  });

  it("fails, naming what came instead, when the server is not a supervisor", async () => {
    const server = await startRawWsServer(() => "hello, I echo nothing useful");
    closables.push(server);
    const ctx = context(server.url, { protocolTimeoutMs: 50 });
    await checkHandshake(ctx);
    const outcome = await checkPing(ctx);
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe(
      "expected `pong`, but no reply within 50 ms; received only a frame that is not JSON",
    );
    expect(outcome.hint).toMatch(/xswarm supervisor/);
  });

  it("fails when the reply is another reply type", async () => {
    const server = await startRawWsServer(() => ({ type: "error", message: "nope" }));
    closables.push(server);
    const ctx = context(server.url);
    await checkHandshake(ctx);
    expect(await checkPing(ctx)).toMatchObject({
      status: "fail",
      detail: "expected `pong`, got `error`: nope",
    });
  });

  it("fails when the connection closes instead", async () => {
    const server = await startRawWsServer((_m, socket) => {
      socket.close();
      return null;
    });
    closables.push(server);
    const ctx = context(server.url);
    await checkHandshake(ctx);
    expect((await checkPing(ctx)).detail).toBe("expected `pong`, but the connection closed");
  });
});

describe("checkAuth", () => {
  it("authenticates with the configured token and shows it masked", async () => {
    const server = await protocolServer();
    const ctx = context(server.url);
    await checkHandshake(ctx);
    const outcome = await checkAuth(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toMatch(/^Authenticated successfully \(token dev-…345\) in [\d.]+ ms$/);
    expect(ctx.authenticated).toBe(true);
  });

  it("fails with the tokens-must-match hint on a wrong token, never showing it", async () => {
    const server = await protocolServer({ token: "the-real-token-42" });
    const ctx = context(server.url);
    await checkHandshake(ctx);
    const outcome = await checkAuth(ctx);
    expect(outcome).toMatchObject({
      status: "fail",
      detail: "Authentication failed: Invalid authentication token (token dev-…345)",
    });
    expect(outcome.hint).toMatch(/^Check that auth tokens match/);
    expect(ctx.authenticated).toBeUndefined();
  });

  it("keeps replies in order after a timed-out ping: the late pong is not taken for auth_result", async () => {
    let first = true;
    const server = await startRawWsServer((message, socket) => {
      if (message.type === "ping" && first) {
        first = false;
        return null; // answered late, below
      }
      if (message.type === "auth") {
        socket.send(JSON.stringify({ type: "pong" }));
        return { type: "auth_result", success: true, message: "Authenticated successfully" };
      }
      return { type: "pong" };
    });
    closables.push(server);
    const ctx = context(server.url, { protocolTimeoutMs: 30 });
    await checkHandshake(ctx);
    expect((await checkPing(ctx)).status).toBe("fail");
    ctx.protocolTimeoutMs = 500;
    expect((await checkAuth(ctx)).status).toBe("pass");
  });
});
