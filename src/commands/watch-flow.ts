import { SupervisorClient } from "../client/supervisor-client.js";
import { loadConfig } from "../config/index.js";
import type { Config } from "../config/types.js";
import { ValidationError, XswarmError } from "../protocol/errors.js";
import { tuneHeapForScreen } from "../ui/heap.js";
import { printUntilStopped } from "../ui/plain/print-until-stopped.js";
import { memoryFromConfig } from "../ui/state/composer.js";
import { ClientSource } from "../watch/client-source.js";
import { EmbeddedSource } from "../watch/embedded-source.js";
import { describePortOwner } from "../watch/port-owner.js";
import { ReplaySource } from "../watch/replay-source.js";
import { runWatch } from "../watch/run-watch.js";
import type { WatchSource } from "../watch/types.js";
import type { CommandContext } from "./define-command.js";
import type { OptionValues } from "./options/define.js";
import { configFlags, OPTIONS_HINT } from "./shared.js";
import { listenForStop } from "./signals.js";
import type { WATCH_OPTIONS } from "./watch.js";

type WatchOptions = OptionValues<typeof WATCH_OPTIONS>;
type Given = CommandContext<typeof WATCH_OPTIONS>["given"];

/** Options that only make sense together. */
function check(options: WatchOptions, given: Given): void {
  const issues: { field: string; message: string }[] = [];
  const only = (key: keyof WatchOptions & string, flag: string, needs: string) => {
    if (given(key)) issues.push({ field: flag, message: `${flag} goes with ${needs}` });
  };
  if (!options.embedded) {
    const hint = "--embedded (to watch another supervisor, give its --url)";
    only("port", "--port", hint);
    only("host", "--host", hint);
    only("responder", "--responder", hint);
    only("broadcastDemo", "--broadcast-demo", hint);
  }
  if (!options.replay) only("speed", "--speed", "--replay <file>");
  if (options.replay && options.embedded)
    issues.push({ field: "--replay", message: "--replay and --embedded exclude each other" });
  if (options.replay && options.url)
    issues.push({ field: "--replay", message: "--replay and --url exclude each other" });
  if (options.embedded && options.url)
    issues.push({
      field: "--url",
      message:
        "--url and --embedded exclude each other (--embedded starts its own supervisor; its address is --host/--port)",
    });
  if (issues.length > 0) throw new ValidationError("watch options", issues, OPTIONS_HINT);
}

function createSource(options: WatchOptions, config: Config): WatchSource {
  const client = (url: string) =>
    new SupervisorClient({
      url,
      authToken: config.token,
      requestTimeoutMs: config.timeoutMs,
      // The dashboard waits for a supervisor that is not up yet, with the client's own backoff.
      retryFirstConnection: true,
    });
  const buffer = options.buffer;
  if (options.replay) return new ReplaySource(options.replay, { speed: options.speed, buffer });
  if (!options.embedded) return new ClientSource(client(config.url), { buffer });
  return new EmbeddedSource({
    supervisor: {
      host: options.host,
      port: options.port,
      token: config.token,
      responder: options.responder,
      broadcastDemo: options.broadcastDemo,
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
export async function runWatchCommand(options: WatchOptions, given: Given): Promise<number> {
  check(options, given);
  const interactive = !options.json && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (interactive) tuneHeapForScreen();
  const config = loadConfig(configFlags(options), { validateUrl: !options.embedded && !options.replay });
  const source = createSource(options, config);
  const memory = memoryFromConfig(config);
  const stop = listenForStop();
  try {
    return await runWatch(source, {
      record: options.record,
      explainStartFailure: (error) => explain(error, options.host, options.port),
      show: interactive
        ? async (started) => {
            // React's development build keeps a stack trace per element: far too heavy under a flood.
            process.env.NODE_ENV ??= "production";
            const { renderWatch } = await import("../ui/render.js");
            await renderWatch(started, { memory, capacity: options.buffer, stop: stop.abort });
            return 0;
          }
        : (started) => printUntilStopped(started, { json: options.json, stop: stop.abort }),
    });
  } finally {
    stop.dispose();
  }
}
