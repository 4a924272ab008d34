import { DEFAULT_LOG_FILE } from "../supervisor/log.js";
import { type CommandDefinition, defineCommand } from "./define-command.js";
import {
  allowRemote,
  broadcastDemo,
  envFile,
  host,
  listenPort,
  record,
  responder,
  token,
  verbose,
} from "./options/common.js";
import { option } from "./options/define.js";
import { flag, pathOrOff, wholeNumber } from "./options/values.js";

const HELP = `
Examples:
  $ xswarm-dev supervisor                          ack every SMS and email on 127.0.0.1:9999
  $ xswarm-dev supervisor --responder echo         answer with send_sms_response / send_email_response
  $ xswarm-dev supervisor --port 0 --record traffic.jsonl
  $ xswarm-dev supervisor --delay-ms 12000         let the webhook side hit its 10 s timeout
  $ xswarm-dev supervisor --no-origin-check --auth-timeout 0 --no-flood-limit
                                                   as faithful to the Rust server as it gets

Ctrl-C, SIGTERM or SIGHUP closes every client with 1001 and exits 0; a second one exits at once.`;

export const SUPERVISOR_OPTIONS = {
  host,
  port: listenPort,
  token,
  envFile: {
    ...envFile,
    description: "read the configuration (the token) from this file too (above .env.local and .env)",
  },
  responder,
  delayMs: option({
    flags: "--delay-ms <ms>",
    description: "extra latency before answering SMS and email",
    schema: wholeNumber(0, 600_000),
    default: 0,
  }),
  logFile: option({
    flags: "--log-file <path>",
    description: "JSON-lines log",
    schema: pathOrOff(),
    default: DEFAULT_LOG_FILE as string | false,
    negation: "write no log file",
  }),
  record,
  broadcastDemo,
  allowRemote,
  maxPayload: option({
    flags: "--max-payload <bytes>",
    description:
      "largest message, and so frame, accepted (Rust: 16 MiB frames, 64 MiB messages; ws has one limit)",
    schema: wholeNumber(1, 64 * 1024 * 1024),
    default: 64 * 1024 * 1024,
    defaultText: "67108864, 64 MiB",
  }),
  originCheck: option({
    flags: "--no-origin-check",
    description: "accept upgrades from any web page, as the Rust server does",
    schema: flag(),
    default: true,
  }),
  authTimeout: option({
    flags: "--auth-timeout <ms>",
    description: "close a connection not authenticated by then; 0 for never, as the Rust server",
    schema: wholeNumber(0, 3_600_000),
    default: 10_000,
  }),
  floodLimit: option({
    flags: "--no-flood-limit",
    description: "never close a client for a flood of invalid messages, as the Rust server",
    schema: flag(),
    default: true,
  }),
  answerLogLimit: option({
    flags: "--answer-log-limit <n>",
    description: "answers a second logged one by one, the rest summed up in a line a second; 0 for no limit",
    schema: wholeNumber(0, 1_000_000),
    default: 100,
  }),
  verbose: { ...verbose, description: "print every log line, and stack traces of unexpected errors" },
} as const;

/** `xswarm-dev supervisor`: the embedded dev supervisor. */
export function supervisorCommand(): CommandDefinition<typeof SUPERVISOR_OPTIONS> {
  return defineCommand({
    name: "supervisor",
    options: SUPERVISOR_OPTIONS,
    help: HELP,
    exits: {
      ok: "stopped by Ctrl-C, SIGTERM or SIGHUP",
      failure:
        "could not listen: the port is taken (try --port 0, or see what holds it with lsof -i :9999),\n" +
        "a port below 1024 without the right, or another listen error",
      usage:
        "bad options, a malformed configuration file, or an unsafe bind (a non-loopback --host without\n" +
        "--allow-remote, or with the default dev token)",
      interrupted: "a second signal while stopping",
    },
    action: async (options) => (await import("./supervisor-flow.js")).runSupervisor(options),
  });
}
