import * as z from "zod";
import { loadConfig, maskToken } from "../config/index.js";
import { ValidationError, XswarmError } from "../protocol/errors.js";
import { DEFAULT_LOG_FILE } from "../supervisor/log.js";
import { startSupervisor } from "../supervisor/server.js";
import type { LogRecord } from "../supervisor/types.js";
import { colorsFor, EXIT, OPTIONS_HINT, reportError } from "./shared.js";

/** The flags of `xswarm-dev supervisor`, as commander gives them. */
export interface SupervisorFlags {
  host?: string;
  port?: string;
  token?: string;
  envFile?: string;
  responder?: string;
  delayMs?: string;
  /** A path, or false for `--no-log-file`. */
  logFile?: string | boolean;
  record?: string;
  broadcastDemo?: boolean;
  allowRemote?: boolean;
  maxPayload?: string;
  /** False for `--no-origin-check`. */
  originCheck?: boolean;
  authTimeout?: string;
  /** False for `--no-flood-limit`. */
  floodLimit?: boolean;
  verbose?: boolean;
}

const whole = (flag: string, max: number) => {
  const message = `${flag} must be a whole number from 0 to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(0, message).max(max, message);
};

const Flags = z.object({
  host: z.string().trim().min(1, "--host must not be empty").default("127.0.0.1"),
  port: whole("--port", 65535).default(9999),
  responder: z.enum(["ack", "echo", "claude"]).default("ack"),
  delayMs: whole("--delay-ms", 600_000).default(0),
  logFile: z
    .union([z.string().min(1, "--log-file must not be empty"), z.boolean()])
    .default(DEFAULT_LOG_FILE),
  record: z.string().min(1, "--record must not be empty").optional(),
  maxPayload: whole("--max-payload", 64 * 1024 * 1024)
    .refine((n) => n > 0, "--max-payload must be at least 1")
    .optional(),
  authTimeout: whole("--auth-timeout", 3_600_000).optional(),
});

/** Bind refusals are usage errors: the flags asked for something unsafe. */
const USAGE_CODES = new Set(["remote_not_allowed", "weak_token"]);

/** Runs the dev supervisor until SIGINT or SIGTERM; resolves with the exit code. */
export async function runSupervisor(flags: SupervisorFlags): Promise<number> {
  const parsed = Flags.safeParse(flags);
  if (!parsed.success)
    throw new ValidationError(
      "supervisor options",
      parsed.error.issues.map((i) => ({ field: flagName(i.path), message: i.message })),
      OPTIONS_HINT,
    );
  const options = parsed.data;
  const config = loadConfig({ token: flags.token, envFile: flags.envFile }, { validateUrl: false });
  const out = colorsFor(process.stdout);
  const err = colorsFor(process.stderr);
  const logFile = options.logFile === true ? DEFAULT_LOG_FILE : options.logFile || null;

  let supervisor: Awaited<ReturnType<typeof startSupervisor>>;
  try {
    supervisor = await startSupervisor({
      host: options.host,
      port: options.port,
      token: config.token,
      responder: options.responder,
      delayMs: options.delayMs,
      logFile,
      record: options.record,
      broadcastDemo: flags.broadcastDemo ?? false,
      allowRemote: flags.allowRemote ?? false,
      originCheck: flags.originCheck ?? true,
      limits: {
        ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
        ...(options.authTimeout === undefined ? {} : { authTimeoutMs: options.authTimeout }),
        ...(flags.floodLimit === false ? { floodMaxErrors: 0 } : {}),
      },
      onLog: (record) => printLog(record, flags.verbose ?? false, err),
    });
  } catch (error) {
    const code = reportError(error, flags);
    return error instanceof XswarmError && USAGE_CODES.has(error.code) ? EXIT.usage : code;
  }

  // Listen for signals before announcing the port: a script may signal as soon as it reads the line.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      // A second signal while closing gives up on a clean shutdown.
      process.once(signal, () => process.exit(EXIT.failure));
      process.stderr.write(err.dim(`${signal}: closing clients (1001) and stopping…\n`));
      void supervisor.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  const address = supervisor.host.includes(":") ? `[${supervisor.host}]` : supervisor.host;
  const source = config.sources.token?.label ?? "default";
  process.stdout.write(`Supervisor WebSocket server listening on ${address}:${supervisor.port}\n`);
  process.stdout.write(
    out.dim(
      `  responder ${options.responder} · token ${maskToken(config.token)} (${source})` +
        `${logFile ? ` · log ${logFile}` : ""}${options.record ? ` · record ${options.record}` : ""}\n` +
        "  Press Ctrl-C to stop.\n",
    ),
  );

  await stopped;
  return EXIT.ok;
}

/** Warnings and errors go to stderr as they happen; everything with --verbose. */
function printLog(record: LogRecord, verbose: boolean, c: ReturnType<typeof colorsFor>): void {
  if (record.level === "info" && !verbose) return;
  const { time, level, msg, ...fields } = record;
  const detail = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const tag = level === "error" ? c.red(level) : level === "warn" ? c.yellow(level) : c.dim(level);
  process.stderr.write(`${c.dim(time.slice(11, 23))} ${tag} ${msg}${detail ? c.dim(` ${detail}`) : ""}\n`);
}

/** `delayMs` -> `--delay-ms`. */
function flagName(path: PropertyKey[]): string {
  return `--${String(path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
