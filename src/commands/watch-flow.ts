import * as z from "zod";
import { SupervisorClient } from "../client/supervisor-client.js";
import { loadConfig } from "../config/index.js";
import type { Config } from "../config/types.js";
import { ValidationError, XswarmError } from "../protocol/errors.js";
import { printUntilStopped } from "../ui/plain/print-until-stopped.js";
import { memoryFromConfig } from "../ui/state/composer.js";
import { DEFAULT_BUFFER } from "../watch/backlog.js";
import { ClientSource } from "../watch/client-source.js";
import { EmbeddedSource } from "../watch/embedded-source.js";
import { describePortOwner } from "../watch/port-owner.js";
import { ReplaySource } from "../watch/replay-source.js";
import { runWatch } from "../watch/run-watch.js";
import type { WatchSource } from "../watch/types.js";
import { type CommonOptions, configFlags, OPTIONS_HINT } from "./shared.js";

/** The flags of `xswarm-dev watch`, as commander gives them. */
export interface WatchFlags extends CommonOptions {
  embedded?: boolean;
  host?: string;
  port?: string;
  responder?: string;
  broadcastDemo?: boolean;
  replay?: string;
  speed?: string;
  record?: string;
  buffer?: string;
}

const Flags = z.object({
  port: z.coerce
    .number({ error: "--port must be a whole number from 0 to 65535" })
    .int("--port must be a whole number from 0 to 65535")
    .min(0, "--port must be a whole number from 0 to 65535")
    .max(65535, "--port must be a whole number from 0 to 65535")
    .optional(),
  host: z.string().trim().min(1, "--host must not be empty").optional(),
  responder: z
    .enum(["ack", "echo", "claude"], { error: "--responder must be ack, echo or claude" })
    .optional(),
  speed: z.coerce
    .number({ error: "--speed must be a number, e.g. 2 (twice as fast) or 0 (as fast as possible)" })
    .min(0, "--speed must not be negative")
    .optional(),
  replay: z.string().min(1, "--replay must name a file").optional(),
  record: z.string().min(1, "--record must name a file").optional(),
  buffer: z.coerce
    .number({ error: "--buffer must be a whole number of events from 10 to 1000000" })
    .int("--buffer must be a whole number of events from 10 to 1000000")
    .min(10, "--buffer must be a whole number of events from 10 to 1000000")
    .max(1_000_000, "--buffer must be a whole number of events from 10 to 1000000")
    .optional(),
});

function check(flags: WatchFlags): z.infer<typeof Flags> {
  const parsed = Flags.safeParse(flags);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: `--${String(i.path[0] ?? "")}`, message: i.message }));
  const only = (flag: string, given: unknown, needs: string) => {
    if (given !== undefined) issues.push({ field: flag, message: `${flag} goes with ${needs}` });
  };
  if (!flags.embedded) {
    for (const [flag, value] of [
      ["--port", flags.port],
      ["--host", flags.host],
      ["--responder", flags.responder],
      ["--broadcast-demo", flags.broadcastDemo],
    ] as const)
      only(flag, value, "--embedded (to watch another supervisor, give its --url)");
  }
  if (!flags.replay) only("--speed", flags.speed, "--replay <file>");
  if (flags.replay && flags.embedded)
    issues.push({ field: "--replay", message: "--replay and --embedded exclude each other" });
  if (flags.replay && flags.url)
    issues.push({ field: "--replay", message: "--replay and --url exclude each other" });
  if (flags.embedded && flags.url)
    issues.push({
      field: "--url",
      message:
        "--url and --embedded exclude each other (--embedded starts its own supervisor; its address is --host/--port)",
    });
  if (issues.length > 0 || !parsed.success) throw new ValidationError("watch options", issues, OPTIONS_HINT);
  return parsed.data;
}

function createSource(flags: WatchFlags, options: z.infer<typeof Flags>, config: Config): WatchSource {
  const client = (url: string) =>
    new SupervisorClient({ url, authToken: config.token, requestTimeoutMs: config.timeoutMs });
  const buffer = options.buffer ?? DEFAULT_BUFFER;
  if (options.replay) return new ReplaySource(options.replay, { speed: options.speed ?? 1, buffer });
  if (!flags.embedded) return new ClientSource(client(config.url), { buffer });
  return new EmbeddedSource({
    supervisor: {
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 9999,
      token: config.token,
      responder: options.responder ?? "ack",
      broadcastDemo: flags.broadcastDemo ?? false,
    },
    createClient: client,
    buffer,
  });
}

/** Adds what holds the port to a "port in use" failure of `--embedded`. */
async function explain(error: unknown, host: string, port: number): Promise<unknown> {
  if (!(error instanceof XswarmError) || error.code !== "port_in_use") return error;
  const owner = await describePortOwner(host, port).catch(() => "something");
  return new XswarmError(
    "port_in_use",
    `Port ${port} on ${host} is taken by ${owner}`,
    `Try --port 0 for any free port, or watch what is there with --url ws://${host}:${port} (lsof -i :${port} shows the process).`,
    { cause: error },
  );
}

/** `xswarm-dev watch`: checks the flags, picks the source, runs the dashboard or the line printer. */
export async function runWatchCommand(flags: WatchFlags): Promise<number> {
  const options = check(flags);
  const config = loadConfig(configFlags(flags), { validateUrl: !flags.embedded && !flags.replay });
  const source = createSource(flags, options, config);
  const interactive = !flags.json && process.stdout.isTTY === true && process.stdin.isTTY === true;
  const memory = memoryFromConfig(config);
  const capacity = options.buffer ?? DEFAULT_BUFFER;
  return runWatch(source, {
    record: options.record,
    explainStartFailure: (error) => explain(error, options.host ?? "127.0.0.1", options.port ?? 9999),
    show: interactive
      ? async (started) => {
          // React's development build keeps a stack trace per element: far too heavy under a flood.
          process.env.NODE_ENV ??= "production";
          const { renderWatch } = await import("../ui/render.js");
          await renderWatch(started, { memory, capacity });
          return 0;
        }
      : (started) => printUntilStopped(started, { json: flags.json === true }),
  });
}
