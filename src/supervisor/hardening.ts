import { createHash, timingSafeEqual } from "node:crypto";
import { isLoopbackHost } from "../config/loopback.js";
import { XswarmError } from "../protocol/errors.js";
import type { SupervisorLimits } from "./types.js";

export { isLoopbackHost };

/** Close codes the dev supervisor uses beyond the standard ones. */
export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  tryAgainLater: 1013,
  authTimeout: 4408,
} as const;

/** Limits a laptop dev server needs. Each can be tuned in StartSupervisorOptions (tests use small ones). */
export const DEFAULT_LIMITS: Readonly<SupervisorLimits> = {
  maxPayload: 64 * 1024 * 1024,
  authTimeoutMs: 10_000,
  maxUnauthenticated: 256,
  floodMaxErrors: 100,
  floodWindowMs: 1000,
  sweepIntervalMs: 30_000,
  headersTimeoutMs: 5000,
  responderTimeoutMs: 8000,
  broadcastIntervalMs: 5000,
  answerLinesPerSecond: 100,
};

/** Refuses a non-loopback bind without allowRemote. */
export function assertRemoteAllowed(host: string, allowRemote: boolean, hint: string): void {
  if (isLoopbackHost(host) || allowRemote) return;
  throw new XswarmError(
    "remote_not_allowed",
    `Refusing to listen on ${host}: it is reachable from other machines`,
    hint,
  );
}

/** Refuses a non-loopback bind without allowRemote, and the well-known dev token on a reachable port. */
export function assertBindAllowed(host: string, token: string, allowRemote: boolean, devToken: string): void {
  assertRemoteAllowed(host, allowRemote, REMOTE_HINT);
  if (isLoopbackHost(host)) return;
  if (token === devToken)
    throw new XswarmError(
      "weak_token",
      `Refusing to listen on ${host} with the default dev token`,
      "Set SUPERVISOR_TOKEN or --token to a secret of your own before using --allow-remote.",
    );
}

/** The supervisor's hint for a refused remote bind. */
export const REMOTE_HINT =
  "Use the default --host 127.0.0.1, or pass --allow-remote together with a strong --token.";

/**
 * Whether an upgrade may proceed, from its `Origin` header. Clients without one (Node, the Rust CLI)
 * pass and still need the token; a web page may connect only if it was served from this machine.
 */
export function isOriginAllowed(origin: string | undefined): boolean {
  if (origin === undefined || origin === "") return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  } catch {
    // `null` (sandboxed frames, file: pages) and anything unparsable are web pages we cannot place.
    return false;
  }
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Compares tokens in constant time: both sides are hashed first so that lengths leak nothing. */
export function tokenMatcher(expected: string): (candidate: string) => boolean {
  const want = sha256(expected);
  return (candidate) => timingSafeEqual(sha256(candidate), want);
}

/** Counts format errors in a fixed window; `hit` returns true once the count goes over the limit. */
export class FloodLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly maxErrors: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    this.count += 1;
    return this.count > this.maxErrors;
  }
}
