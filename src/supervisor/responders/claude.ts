import type { Anthropic } from "@anthropic-ai/sdk";
import { redact } from "../../config/mask.js";
import type { ServerEvent } from "../../protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../protocol/messages.js";
import type { LogRecord, Responder } from "../types.js";
import { acknowledge } from "./ack.js";
import {
  type Channel,
  EMAIL_MAX_TOKENS,
  fitSms,
  replySubject,
  SMS_MAX_TOKENS,
  systemPrompt,
  userPrompt,
} from "./claude-prompt.js";

/** Fast and cheap, which is what an SMS/email assistant needs. Override with ANTHROPIC_MODEL or `model`. */
export const DEFAULT_CLAUDE_MODEL = "claude-haiku-4-5";
/** Well inside the Node.js webhook's 10 s wait, so that the fallback still arrives in time. */
export const DEFAULT_CLAUDE_TIMEOUT_MS = 7_000;
const DEFAULT_BASE_URL = "https://api.anthropic.com";

export interface ClaudeResponderOptions {
  /** Default ANTHROPIC_API_KEY. Without a key every message is answered `message_acknowledged`. */
  apiKey?: string;
  /** Default ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  baseURL?: string;
  /** Default ANTHROPIC_MODEL, else {@link DEFAULT_CLAUDE_MODEL}. */
  model?: string;
  /** Deadline for one message, in ms, SDK loading included; default {@link DEFAULT_CLAUDE_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Gets one record per message: the answer, or why it fell back. Never holds the key. */
  log?: (record: LogRecord) => void;
  /** Where the ANTHROPIC_* defaults are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Clock for the `message_acknowledged` timestamp. */
  now?: () => Date;
}

type Sdk = typeof import("@anthropic-ai/sdk");
type Inbound = SmsReceivedMessage | EmailReceivedMessage;

/**
 * The `claude` responder: answers SMS and email with Claude through the Anthropic Messages API. It never
 * throws and settles within `timeoutMs`, or sooner when the caller's signal aborts. On any failure (no key,
 * HTTP error, bad body, no text, timeout) it logs why and answers `message_acknowledged`.
 */
export function createClaudeResponder(options: ClaudeResponderOptions = {}): Responder {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.ANTHROPIC_API_KEY);
  const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env.ANTHROPIC_BASE_URL) ?? DEFAULT_BASE_URL;
  const model = nonEmpty(options.model) ?? nonEmpty(env.ANTHROPIC_MODEL) ?? DEFAULT_CLAUDE_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLAUDE_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});

  // Loaded when a responder is made, not when this module is imported: other commands do not pay for it.
  let loading: Promise<{ sdk: Sdk; client: Anthropic }> | undefined;
  const load = (key: string) => {
    loading ??= import("@anthropic-ai/sdk").then((sdk) => ({
      sdk,
      client: new sdk.Anthropic({
        apiKey: key,
        baseURL,
        timeout: timeoutMs,
        maxRetries: 0,
        logLevel: "off",
        openTelemetry: false,
      }),
    }));
    return loading;
  };
  if (apiKey) load(apiKey).catch(() => {});

  const record = (level: LogRecord["level"], msg: string, message: Inbound, fields: object) =>
    log({
      time: new Date().toISOString(),
      level,
      msg,
      responder: "claude",
      model,
      message_type: channelOf(message),
      user: message.user,
      ...fields,
    });

  return {
    name: "claude",
    async respond(message, signal) {
      const started = Date.now();
      const fallback = (reason: string): ServerEvent => {
        record("warn", "claude unavailable, answered message_acknowledged", message, {
          reason: redact(reason, apiKey),
          duration_ms: Date.now() - started,
        });
        return acknowledge(message, now());
      };
      if (!apiKey) return fallback("ANTHROPIC_API_KEY is not set");
      if (signal.aborted) return fallback("cancelled before the call");

      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort();
      signal.addEventListener("abort", onAbort, { once: true });
      let sdk: Sdk | undefined;
      const call = async (): Promise<unknown> => {
        const loaded = await load(apiKey);
        sdk = loaded.sdk;
        const channel = channelOf(message);
        return loaded.client.messages.create(
          {
            model,
            max_tokens: channel === "sms" ? SMS_MAX_TOKENS : EMAIL_MAX_TOKENS,
            system: systemPrompt(channel),
            messages: [{ role: "user", content: userPrompt(message) }],
          },
          { signal: controller.signal, timeout: timeoutMs, maxRetries: 0 },
        );
      };
      try {
        // The race keeps the deadline even if loading the SDK or the request ignored the signal.
        const answer = await Promise.race([call(), whenAborted(controller.signal)]);
        const text = textOf(answer);
        if (text === undefined) return fallback("the API answer had no content array");
        if (text === "") return fallback("the API answered with no text");
        record("info", "claude answered", message, {
          duration_ms: Date.now() - started,
          stop_reason: (answer as { stop_reason?: unknown }).stop_reason ?? null,
          chars: text.length,
        });
        return reply(message, text);
      } catch (error) {
        if (timedOut) return fallback(`no answer within ${timeoutMs} ms`);
        if (signal.aborted) return fallback("cancelled by the supervisor");
        return fallback(describe(error, sdk, baseURL));
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        controller.abort();
      }
    },
  };
}

function channelOf(message: Inbound): Channel {
  return message.type === "sms_received" ? "sms" : "email";
}

function reply(message: Inbound, text: string): ServerEvent {
  if (message.type === "sms_received")
    return { type: "send_sms_response", to: message.from, message: fitSms(text), user: message.user };
  return {
    type: "send_email_response",
    to: message.from,
    subject: replySubject(message.subject),
    body: text,
    user: message.user,
  };
}

/** The text blocks of a Messages API answer, joined; undefined when the answer has no content array. */
function textOf(answer: unknown): string | undefined {
  const content = (answer as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return undefined;
  return content
    .filter((b): b is { type: "text"; text: string } => b?.type === "text" && typeof b.text === "string")
    .map((b) => b.text)
    .join("")
    .trim();
}

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
  });
}

function describe(error: unknown, sdk: Sdk | undefined, baseURL: string): string {
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) return "the API call timed out";
  if (sdk && error instanceof sdk.APIConnectionError) return `cannot reach ${baseURL}: ${rootCause(error)}`;
  if (sdk && error instanceof sdk.APIError && error.status !== undefined)
    return clip(`HTTP ${error.status}: ${error.apiMessage ?? error.message}`);
  if (error instanceof Error) return clip(`${error.name}: ${error.message}`);
  return clip(String(error));
}

/** The innermost cause (fetch wraps `connect ECONNREFUSED ...` in `fetch failed`). */
function rootCause(error: Error): string {
  let inner: Error = error;
  while (inner.cause instanceof Error && inner.cause !== inner) inner = inner.cause;
  if ((inner as { code?: unknown }).code === "ECONNREFUSED") return "Connection refused";
  return clip(inner.message);
}

function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value : undefined;
}
