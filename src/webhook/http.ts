import { performance } from "node:perf_hooks";
import { TWILIO_TIMEOUT_MS, WebhookConnectionError, WebhookTimeoutError } from "./errors.js";

/** Largest response body read; the rest is dropped (a TwiML answer is small). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type FetchFn = typeof fetch;

export interface WebhookPost {
  url: string;
  /** A form (`application/x-www-form-urlencoded`) or multipart body; fetch sets the content type. */
  body: URLSearchParams | FormData;
  headers?: Record<string, string>;
  /** Default Twilio's 15 s. Covers the whole exchange, the body included. */
  timeoutMs?: number;
  fetch?: FetchFn;
  /** Who is being played, for the timeout's hint. Default `twilio`. */
  service?: "twilio" | "sendgrid";
}

/** What came back: status, headers (lower-case names), the body as text, and the round trip. */
export interface WebhookResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** True when the body was cut at MAX_BODY_BYTES. */
  truncated: boolean;
  latencyMs: number;
  /** Epoch ms (with fractions) when the request went out, after its body was built. */
  sentAt: number;
}

const START_HINT =
  "Start the Node.js server (e.g. `npx wrangler dev`, which listens on http://127.0.0.1:8787), or check the --webhook URL.";

function connectionError(url: string, error: unknown): WebhookConnectionError {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause ?? (error as NodeJS.ErrnoException);
  const code = cause?.code ?? "";
  const where = new URL(url).host;
  if (code === "ECONNREFUSED")
    return new WebhookConnectionError(
      url,
      `Connection refused: nothing listens at ${where}`,
      "connection_refused",
      START_HINT,
      error,
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new WebhookConnectionError(
      url,
      `Cannot resolve ${new URL(url).hostname} (${code})`,
      "dns_failed",
      "Check the host name in the --webhook URL.",
      error,
    );
  const detail = cause?.message ?? (error as Error).message;
  return new WebhookConnectionError(
    url,
    `The connection to ${where} failed (${code || detail})`,
    "connection_failed",
    "The server closed the connection without an HTTP answer: check its logs.",
    error,
  );
}

async function readBody(response: Response): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: "", truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > MAX_BODY_BYTES) {
      chunks.push(value.subarray(0, MAX_BODY_BYTES - size));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { body: Buffer.concat(chunks).toString("utf8"), truncated };
}

/**
 * POSTs a webhook request as Twilio or SendGrid would, and reads the answer. Any status resolves;
 * throws WebhookConnectionError (nothing answers, exit 3) or WebhookTimeoutError (exit 5).
 */
export async function postWebhook(post: WebhookPost): Promise<WebhookResponse> {
  const timeoutMs = post.timeoutMs ?? TWILIO_TIMEOUT_MS;
  const doFetch = post.fetch ?? fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  // Built before the clock starts: the first Request loads fetch's internals, which is not network time.
  const request = new Request(post.url, {
    method: "POST",
    body: post.body,
    headers: { "user-agent": "TwilioProxy/1.1 (xswarm-dev)", ...post.headers },
    redirect: "manual",
    signal: controller.signal,
  });
  const started = performance.now();
  try {
    const response = await doFetch(request);
    const { body, truncated } = await readBody(response);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers,
      body,
      truncated,
      latencyMs: performance.now() - started,
      sentAt: performance.timeOrigin + started,
    };
  } catch (error) {
    if (timedOut) throw new WebhookTimeoutError(post.url, timeoutMs, post.service);
    throw connectionError(post.url, error);
  } finally {
    clearTimeout(timer);
  }
}
