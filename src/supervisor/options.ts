import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as z from "zod";
import { type Clock, systemClock } from "../clock.js";
import { DEFAULT_TOKEN } from "../config/types.js";
import { validate, XswarmError } from "../protocol/errors.js";
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
  responder: ResponderName | Responder;
  delayMs: number;
  logFile: string | null;
  record: string | undefined;
  broadcastDemo: boolean;
  env: NodeJS.ProcessEnv;
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
    responder: options.responder ?? "ack",
    delayMs: checked.delayMs,
    logFile: options.logFile === undefined ? DEFAULT_LOG_FILE : options.logFile,
    record: options.record,
    broadcastDemo: options.broadcastDemo ?? false,
    env,
    limits: checked.limits,
    originCheck: options.originCheck ?? true,
    clock: options.clock ?? systemClock,
  };
}

/** Listens, turning the usual failures into one clear XswarmError each. */
export function listen(http: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      http.off("listening", onListening);
      reject(bindError(error, host, port));
    };
    const onListening = () => {
      http.off("error", onError);
      resolve(http.address() as AddressInfo);
    };
    http.once("error", onError);
    http.once("listening", onListening);
    http.listen(port, host);
  });
}

function bindError(error: NodeJS.ErrnoException, host: string, port: number): XswarmError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return new XswarmError(
        "port_in_use",
        `Port ${port} is already in use on ${host}`,
        `Try --port 0 for any free port, or see what holds it: lsof -i :${port}`,
        { cause: error },
      );
    case "EACCES":
      return new XswarmError("port_denied", `Not allowed to listen on ${where}`, "Use a port above 1023.", {
        cause: error,
      });
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new XswarmError(
        "bad_host",
        `Cannot listen on ${where}: no such local address`,
        "Use --host 127.0.0.1 (the default).",
        { cause: error },
      );
    default:
      return new XswarmError("listen_failed", `Cannot listen on ${where}: ${error.message}`, undefined, {
        cause: error,
      });
  }
}
