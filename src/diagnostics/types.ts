import type { LookupAddress } from "node:dns";
import type { Socket } from "node:net";
import type { Config, ConfigFlags } from "../config/types.js";
import type { Probe } from "./probe.js";

export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** One finding of the doctor, as shown on the terminal and in `--json`. */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** The one-line finding. */
  detail: string;
  /** What to do, when the status is not `pass`. */
  hint?: string;
  duration_ms: number;
}

/** What a check function returns; the runner adds the id, title and duration. */
export interface CheckOutcome {
  status: CheckStatus;
  detail: string;
  hint?: string;
}

/** `{"ok": bool, "checks": [...]}`: ok is true when no check failed (warnings allowed). */
export interface DoctorReport {
  ok: boolean;
  checks: CheckResult[];
}

export type LookupFn = (hostname: string) => Promise<LookupAddress[]>;

/** How the doctor runs. Everything but `flags` has a default; the I/O hooks exist for tests. */
export interface DoctorOptions {
  /** Command-line values, as for loadConfig. */
  flags?: ConfigFlags;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run the SMS and email round trips (default true; `--no-events` turns them off). */
  events?: boolean;
  /** Resolves a host name; default node:dns lookup with `all: true`. */
  lookup?: LookupFn;
  /** Opens a TCP connection; default node:net `connect`. */
  connectTcp?: (host: string, port: number) => Socket;
  /** Caps of the per-step timeouts, which are otherwise the configured timeout. */
  limits?: { networkMs?: number; protocolMs?: number };
  /** Called as each check finishes, so that a terminal can show progress. */
  onResult?: (result: CheckResult) => void;
}

/** State the checks share, filled in step by step. */
export interface DoctorContext {
  options: DoctorOptions;
  config?: Config;
  url?: URL;
  host?: string;
  port?: number;
  /** The addresses DNS gave (or the IP of the URL), tried in order by the TCP check. */
  addresses?: string[];
  /** The connection opened by the handshake check, authenticated by the auth check. */
  probe?: Probe;
  authenticated?: boolean;
  /** DNS, TCP and handshake. */
  networkTimeoutMs: number;
  /** Ping, auth and auth enforcement. */
  protocolTimeoutMs: number;
  /** SMS and email round trips: the configured timeout, uncapped (a reply may mean real AI work). */
  eventTimeoutMs: number;
  /** Run at the end, whatever happened. */
  cleanups: Array<() => Promise<void>>;
}
