import * as z from "zod";
import { type Clock, systemClock } from "../clock.js";
import { DEFAULT_TOKEN } from "../config/types.js";
import { validate } from "../protocol/errors.js";
import { assertBindAllowed, DEFAULT_LIMITS, tokenMatcher } from "./hardening.js";
import { DEFAULT_LOG_FILE } from "./log.js";
import type { Responder, ResponderName, StartSupervisorOptions, SupervisorLimits } from "./types.js";

const positive = z.int().positive();
/** 0 turns the limit off. */
const orOff = z.int().min(0);
const Limits = z.object({
  maxPayload: positive,
  authTimeoutMs: orOff,
  maxUnauthenticated: positive,
  floodMaxErrors: orOff,
  floodWindowMs: positive,
  sweepIntervalMs: positive,
  headersTimeoutMs: positive,
  responderTimeoutMs: positive,
  broadcastIntervalMs: positive,
  answerLinesPerSecond: orOff,
});
const Options = z.object({
  host: z.string().min(1),
  port: z.int().min(0).max(65535),
  token: z.string().min(1, "token must not be empty"),
  delayMs: z.int().min(0),
  limits: Limits,
});

/** StartSupervisorOptions with every default applied, validated. */
export interface ResolvedOptions {
  host: string;
  port: number;
  checkToken: (candidate: string) => boolean;
  /** Masked wherever it appears in the traffic feed. */
  token: string;
  responder: ResponderName | Responder;
  delayMs: number;
  logFile: string | null;
  record: string | undefined;
  broadcastDemo: boolean;
  env: NodeJS.ProcessEnv;
  allowRemote: boolean;
  limits: SupervisorLimits;
  originCheck: boolean;
  clock: Clock;
}

/** Applies the defaults and checks the options; throws ValidationError or a bind refusal. */
export function resolveSupervisorOptions(options: StartSupervisorOptions): ResolvedOptions {
  const env = options.env ?? process.env;
  const checked = validate(
    Options,
    {
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 9999,
      token: options.token ?? (env.SUPERVISOR_TOKEN || DEFAULT_TOKEN),
      delayMs: options.delayMs ?? 0,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
    },
    "supervisor options",
  );
  assertBindAllowed(checked.host, checked.token, options.allowRemote ?? false, DEFAULT_TOKEN);
  return {
    host: checked.host,
    port: checked.port,
    checkToken: tokenMatcher(checked.token),
    token: checked.token,
    responder: options.responder ?? "ack",
    delayMs: checked.delayMs,
    logFile: options.logFile === undefined ? DEFAULT_LOG_FILE : options.logFile,
    record: options.record,
    broadcastDemo: options.broadcastDemo ?? false,
    env,
    allowRemote: options.allowRemote ?? false,
    limits: checked.limits,
    originCheck: options.originCheck ?? true,
    clock: options.clock ?? systemClock,
  };
}
