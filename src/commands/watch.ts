import { DEFAULT_BUFFER } from "../watch/backlog.js";
import { type CommandDefinition, defineCommand } from "./define-command.js";
import { broadcastDemo, CONNECTION_OPTIONS, host, listenPort, record, responder } from "./options/common.js";
import { option } from "./options/define.js";
import { flag, nonNegativeNumber, path, wholeNumber } from "./options/values.js";

const HELP = `
Examples:
  $ xswarm-dev watch --embedded --responder echo      dashboard on an in-process supervisor (127.0.0.1:9999)
  $ xswarm-dev watch --embedded --port 0              the same on any free port
  $ xswarm-dev watch --url ws://127.0.0.1:9999        watch a running supervisor (its traffic feed if it has one)
  $ xswarm-dev watch --record traffic.jsonl           record while watching
  $ xswarm-dev watch --replay traffic.jsonl --speed 4  play a recording back, four times as fast
  $ xswarm-dev watch --embedded --json | jq .frame    not a terminal: one JSON object per event

Keys: ↑/↓ j/k select · Enter the event in full · y/Y copy as JSON / as a command · R resend
      E edit · C connections · / filter · p pause · c clear · r reconnect · s SMS · e email
      ? help (every key) · q or Ctrl-C quit. docs/watch.md lists them all.
When stdout is not a terminal, one plain line (or, with --json, one JSON object) is printed per event
until SIGINT, SIGTERM or SIGHUP.`;

const EMBEDDED = "with --embedded: ";

export const WATCH_OPTIONS = {
  ...CONNECTION_OPTIONS,
  json: {
    ...CONNECTION_OPTIONS.json,
    description: "one JSON object per event, one a line (JSON Lines), instead of the dashboard",
  },
  embedded: option({
    flags: "--embedded",
    description: "start a dev supervisor in this process and watch its traffic feed",
    schema: flag(),
    default: false,
  }),
  port: { ...listenPort, description: EMBEDDED + listenPort.description },
  host: { ...host, description: EMBEDDED + host.description },
  responder: { ...responder, description: EMBEDDED + responder.description },
  broadcastDemo: { ...broadcastDemo, description: EMBEDDED + broadcastDemo.description },
  replay: option({
    flags: "--replay <file>",
    description: "show a recorded JSON-lines traffic file instead of a live supervisor",
    schema: path(),
  }),
  speed: option({
    flags: "--speed <x>",
    description: "with --replay: 2 = twice the recorded pace, 0 = as fast as possible",
    schema: nonNegativeNumber("a number, e.g. 2 (twice as fast) or 0 (as fast as possible)"),
    default: 1,
  }),
  record: { ...record, description: "write every event shown to this JSON-lines file (--replay reads it)" },
  buffer: option({
    flags: "--buffer <n>",
    description: "events kept in memory for the feed; older ones are dropped",
    schema: wholeNumber(10, 1_000_000),
    default: DEFAULT_BUFFER,
  }),
} as const;

/** `xswarm-dev watch`: the live dashboard. */
export function watchCommand(): CommandDefinition<typeof WATCH_OPTIONS> {
  return defineCommand({
    name: "watch",
    options: WATCH_OPTIONS,
    help: HELP,
    exits: {
      ok:
        "quit with q / Ctrl-C, SIGINT, SIGTERM or SIGHUP; a replay reached its end (not a terminal);\n" +
        "the reader of a pipe went away",
      failure: "--embedded and the port is taken (or cannot be bound); another unexpected failure",
      usage:
        "options that do not go together (--embedded with --url), an invalid --port / --speed /\n" +
        "--buffer, a bad configuration, or a\n" +
        "--replay file that cannot be read",
      auth: "not a terminal, and the supervisor refused the token",
    },
    action: async (options, { given }) => (await import("./watch-flow.js")).runWatchCommand(options, given),
  });
}
