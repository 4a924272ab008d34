import { SupervisorClient } from "../client/supervisor-client.js";
import type { ProtocolWarning, ReminderBroadcast } from "../client/types.js";
import { type Clock, monotonicMs, preciseClock } from "../clock.js";
import type { ClientMessage, EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import type { ParsedEvent } from "../protocol/parse.js";
import type { LoadOptions } from "./inputs.js";
import { type LoadResult, runLoad } from "./load.js";
import type { ProgressState } from "./progress.js";

/** Where to send, and how long to wait for each answer (connect plus auth, then each reply). */
export interface SendTarget {
  url: string;
  token: string;
  timeoutMs: number;
  /** Called with each frame sent and received (the auth token masked), for `--verbose`. */
  onFrame?: (direction: "sent" | "received", frame: unknown) => void;
  /** Called with each reminder broadcast (never taken for the reply unless `ambiguous`). */
  onReminder?: (reminder: ReminderBroadcast) => void;
  /** Called with each reply that fits no waiting request. */
  onWarning?: (warning: ProtocolWarning) => void;
}

/** An event exactly as it goes over the wire. */
export type SendRequest =
  | ({ type: "sms_received" } & SmsEventInput)
  | ({ type: "email_received" } & EmailEventInput);

/** One event's outcome: the request as sent, the reply as received, and the round trip. */
export interface SendResult {
  request: SendRequest;
  reply: { type: string; [key: string]: unknown };
  latencyMs: number;
}

async function connect(
  target: SendTarget,
  heartbeat: boolean,
  reconnect = false,
  clock?: Clock,
): Promise<SupervisorClient> {
  const client = new SupervisorClient({
    ...(clock ? { clock } : {}),
    url: target.url,
    authToken: target.token,
    requestTimeoutMs: target.timeoutMs,
    connectTimeoutMs: target.timeoutMs,
    reconnect: reconnect ? {} : false,
    ...(heartbeat ? {} : { heartbeatIntervalMs: 0 }),
  });
  const { onFrame, onReminder, onWarning } = target;
  if (onReminder) client.on("reminder", onReminder);
  if (onWarning) client.on("protocol_warning", onWarning);
  if (onFrame) {
    client.on("sent", (message: ClientMessage) => onFrame("sent", message));
    client.on("event", (parsed: ParsedEvent) =>
      onFrame(
        "received",
        parsed.kind === "invalid" ? parsed.text : "event" in parsed ? parsed.event : parsed.raw,
      ),
    );
  }
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return client;
}

function deliver(client: SupervisorClient, request: SendRequest): Promise<SendResult["reply"]> {
  const { type, ...fields } = request;
  return type === "sms_received"
    ? client.sendSmsEvent(fields as SmsEventInput)
    : client.sendEmailEvent(fields as EmailEventInput);
}

/** Connects, authenticates, sends one event, waits for its reply and disconnects. Throws the client's typed errors. */
export async function sendOnce(request: SendRequest, target: SendTarget): Promise<SendResult> {
  // One request: node's own timers do, and the latency needs no perf_hooks (the client's default clock
  // loads it; its shared timer is for many requests at once).
  const client = await connect(target, false, false, preciseClock);
  try {
    const start = monotonicMs();
    const reply = await deliver(client, request);
    return { request, reply, latencyMs: monotonicMs() - start };
  } finally {
    client.disconnect();
  }
}

/** How a load run is steered from outside. */
export interface LoadHooks {
  onProgress?: (state: ProgressState) => void;
  /** When aborted (Ctrl-C), no further event is sent; those in flight are waited for. */
  stop?: AbortSignal;
  /** Wait for the client's reconnect after a lost connection and go on, instead of stopping there. */
  reconnect?: boolean;
}

/**
 * Sends `load.count` copies of `request` over one connection, `load.concurrency` in flight, at most
 * `load.rate` a second. Failing to connect or authenticate throws; failed events are counted. The
 * first lost connection ends the run, unless `hooks.reconnect`.
 */
export async function sendMany(
  request: SendRequest,
  target: SendTarget,
  load: LoadOptions,
  hooks: LoadHooks = {},
): Promise<LoadResult> {
  const client = await connect(target, true, hooks.reconnect === true);
  let warnings = 0;
  client.on("protocol_warning", () => {
    warnings++;
  });
  try {
    return await runLoad({
      ...load,
      send: () => deliver(client, request),
      protocolWarnings: () => warnings,
      ...(hooks.reconnect ? { ready: () => client.connect() } : {}),
      ...(hooks.stop ? { stop: hooks.stop } : {}),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    });
  } finally {
    client.disconnect();
  }
}
