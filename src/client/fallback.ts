import { TimeoutError, XswarmError } from "./errors.js";
import { getSupervisorClient, type SharedClientOptions } from "./shared.js";
import type { SupervisorClient } from "./supervisor-client.js";

/** Why the fallback answered. `code` is `not_ready`, `no_answer`, or the error's code (`timeout`, `supervisor_error`, ...). */
export interface FallbackReason {
  code: string;
  message: string;
  error?: unknown;
}

/** Which path answered, and its value. */
export type FallbackResult<T, F> =
  | { source: "supervisor"; value: T; reason?: undefined }
  | { source: "fallback"; value: F; reason: FallbackReason };

export interface FallbackOptions {
  /** The client to try. Default: `getSupervisorClient(clientOptions)`. */
  client?: SupervisorClient;
  clientOptions?: SharedClientOptions;
  /** Give up on the supervisor after this many ms (on top of the client's own request timeout). */
  timeoutMs?: number;
}

/**
 * The seed's fallback pattern: when the supervisor is ready, `run(client)`; when it is not ready,
 * times out, errors, or `run` resolves `undefined` (e.g. a mere `message_acknowledged`), `fallback(reason)`.
 * Errors of `fallback` itself propagate.
 */
export async function withSupervisorFallback<T, F = T>(
  run: (client: SupervisorClient) => Promise<T | undefined> | T | undefined,
  fallback: (reason: FallbackReason) => Promise<F> | F,
  options: FallbackOptions = {},
): Promise<FallbackResult<T, F>> {
  const client = options.client ?? getSupervisorClient(options.clientOptions);
  let reason: FallbackReason;
  if (!client.isReady()) {
    reason = { code: "not_ready", message: `Supervisor not ready (${client.state.status})` };
  } else {
    try {
      const value = await withTimeout(Promise.resolve(run(client)), options.timeoutMs);
      if (value !== undefined) return { source: "supervisor", value };
      reason = { code: "no_answer", message: "The supervisor gave no usable answer" };
    } catch (error) {
      reason = reasonOf(error);
    }
  }
  return { source: "fallback", value: await fallback(reason), reason };
}

function reasonOf(error: unknown): FallbackReason {
  if (error instanceof XswarmError) return { code: error.code, message: error.message, error };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "error", message, error };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError("request", timeoutMs)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
