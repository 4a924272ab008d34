import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** How the fake answers the next requests. `hang` never answers (the socket stays open). */
export type FakeBehaviour =
  | { kind: "text"; text: string }
  | { kind: "status"; status: number; message?: string }
  | { kind: "malformed" }
  | { kind: "no-text" }
  | { kind: "hang" };

export interface FakeAnthropic {
  /** Base URL to give the SDK (`http://127.0.0.1:<port>`). */
  baseURL: string;
  requests: RecordedRequest[];
  behaviour: FakeBehaviour;
  /** Resolves when `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A local HTTP server speaking the shape of the Anthropic Messages API (POST /v1/messages). */
export async function startFakeAnthropic(
  behaviour: FakeBehaviour = { kind: "text", text: "ok" },
): Promise<FakeAnthropic> {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const fake: FakeAnthropic = {
    baseURL: "",
    requests: [],
    behaviour,
    waitForRequests: (count) =>
      fake.requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      fake.requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      for (const w of waiters.filter((w) => fake.requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) json(res, 404, notFound());
      else answer(res, fake.behaviour, String((fake.requests.at(-1)?.body.model as string) ?? ""));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function answer(res: ServerResponse, behaviour: FakeBehaviour, model: string): void {
  switch (behaviour.kind) {
    case "text":
      json(res, 200, message(model, [{ type: "text", text: behaviour.text }]));
      return;
    case "no-text":
      json(res, 200, message(model, []));
      return;
    case "status":
      json(res, behaviour.status, {
        type: "error",
        error: { type: "api_error", message: behaviour.message ?? "Internal server error" },
      });
      return;
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"msg_1","content":[{"type":"te');
      return;
    case "hang":
      return;
  }
}

function message(model: string, content: unknown[]) {
  return {
    id: "msg_test_1",
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 8 },
  };
}

function notFound() {
  return { type: "error", error: { type: "not_found_error", message: "Not found" } };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": "req_test" });
  res.end(JSON.stringify(body));
}
