import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookConnectionError } from "../../src/webhook/errors.js";
import { MAX_BODY_BYTES, postWebhook } from "../../src/webhook/http.js";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/reset") {
      req.socket.destroy();
      return;
    }
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end("x".repeat(MAX_BODY_BYTES * 2));
      return;
    }
    res.writeHead(302, { location: "/elsewhere" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const form = () => new URLSearchParams({ Body: "x" });

describe("postWebhook", () => {
  it("a connection closed without an answer is a connection error (exit 3), not a crash", async () => {
    const error = await postWebhook({ url: `${url}/reset`, body: form() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookConnectionError);
    expect(error).toMatchObject({ code: "connection_failed" });
    expect((error as Error).message).toContain("failed");
  });

  it("reads at most 1 MiB of an answer and says it cut it", async () => {
    const response = await postWebhook({ url: `${url}/huge`, body: form() });
    expect(response.truncated).toBe(true);
    expect(response.body.length).toBe(MAX_BODY_BYTES);
  });

  it("does not follow a redirect: the 302 is the answer, as Twilio sees it", async () => {
    const response = await postWebhook({ url: `${url}/moved`, body: form() });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/elsewhere");
  });
});
