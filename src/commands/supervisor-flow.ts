import { loadConfig, maskToken } from "../config/index.js";
import { startSupervisor } from "../supervisor/server.js";
import { colorsFor } from "./colors.js";
import { logPrinter } from "./log-printer.js";
import type { OptionValues } from "./options/define.js";
import { EXIT } from "./shared.js";
import { listenForStop } from "./signals.js";
import type { SUPERVISOR_OPTIONS } from "./supervisor.js";

/** Runs the dev supervisor until a stop signal; resolves with the exit code. */
export async function runSupervisor(options: OptionValues<typeof SUPERVISOR_OPTIONS>): Promise<number> {
  const config = loadConfig({ token: options.token, envFile: options.envFile }, { validateUrl: false });
  const out = colorsFor(process.stdout);
  const err = colorsFor(process.stderr);
  const logFile = options.logFile || null;
  const supervisor = await startSupervisor({
    host: options.host,
    port: options.port,
    token: config.token,
    responder: options.responder,
    delayMs: options.delayMs,
    logFile,
    record: options.record,
    broadcastDemo: options.broadcastDemo,
    allowRemote: options.allowRemote,
    originCheck: options.originCheck,
    limits: {
      maxPayload: options.maxPayload,
      authTimeoutMs: options.authTimeout,
      ...(options.floodLimit ? {} : { floodMaxErrors: 0 }),
      answerLinesPerSecond: options.answerLogLimit,
    },
    onLog: logPrinter(options.verbose),
  });

  // Listening before announcing the port: a script may signal as soon as it reads the line.
  const stop = listenForStop({
    onFirst: (signal) => process.stderr.write(err.dim(`${signal}: closing clients (1001) and stopping…\n`)),
  });
  try {
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
    await stop.received;
    await supervisor.close();
    return EXIT.ok;
  } finally {
    stop.dispose();
  }
}
