import { DEFAULT_TAP_PORT, DEFAULT_URL } from "../config/types.js";
import { type CommandDefinition, defineCommand } from "./define-command.js";
import { allowRemote, host, listenPort, record } from "./options/common.js";
import { option } from "./options/define.js";
import { flag, wholeNumber, wsUrl } from "./options/values.js";

const HELP = `
Examples:
  $ xswarm-dev tap                                     127.0.0.1:9998 in front of ws://127.0.0.1:9999
  $ xswarm-dev tap --url ws://127.0.0.1:9999 --record traffic.jsonl
  $ xswarm-dev tap --port 0 --verbose                  any free port; log every connection
  $ SUPERVISOR_URL=ws://127.0.0.1:9998 npm run dev     point the webhook server at the tap
  $ xswarm-dev watch --url ws://127.0.0.1:9998         watch the traffic through the tap

A client the upstream has authenticated may send {"type":"monitor"} to the tap to receive the traffic feed.
Ctrl-C, SIGTERM or SIGHUP closes every client (and its upstream connection) with 1001 and exits 0.`;

export const TAP_OPTIONS = {
  // --listen and --upstream are the names of earlier versions; --port and --url as everywhere else.
  port: { ...listenPort, default: DEFAULT_TAP_PORT, aliases: ["--listen <port>"] },
  url: option({
    flags: "--url <url>",
    description: "the supervisor to forward to",
    schema: wsUrl(),
    default: DEFAULT_URL,
    aliases: ["--upstream <url>"],
  }),
  host,
  record: { ...record, description: "write every frame of the traffic feed to this JSON-lines file" },
  allowRemote: { ...allowRemote, description: "allow a --host other machines can reach" },
  authTimeoutMs: option({
    flags: "--auth-timeout-ms <ms>",
    description: "close a client the upstream has not authenticated by then (4408); 0: never",
    schema: wholeNumber(0, 3_600_000),
    default: 10_000,
  }),
  verbose: option({
    flags: "--verbose",
    description: "log every connection, not only failures, and stack traces of unexpected errors",
    schema: flag(),
    default: false,
  }),
} as const;

/** `xswarm-dev tap`: a recording proxy in front of a supervisor. */
export function tapCommand(): CommandDefinition<typeof TAP_OPTIONS> {
  return defineCommand({
    name: "tap",
    options: TAP_OPTIONS,
    help: HELP,
    exits: {
      ok: "stopped by Ctrl-C, SIGTERM or SIGHUP",
      failure:
        "could not listen: the port is taken (try --port 0, or see what holds it with lsof -i :9998),\n" +
        "or another listen error",
      usage:
        "bad options: a --port outside 0-65535, a --url that is not ws:// or wss://, or a\n" +
        "non-loopback --host without --allow-remote",
      interrupted: "a second signal while stopping",
    },
    action: async (options) => (await import("./tap-flow.js")).runTap(options),
  });
}
