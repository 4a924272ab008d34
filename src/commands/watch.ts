import { Command, Option } from "commander";
import { addCommonOptions, run } from "./shared.js";
import type { WatchFlags } from "./watch-flow.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev watch --embedded --responder echo      dashboard on an in-process supervisor (127.0.0.1:9999)
  $ xswarm-dev watch --embedded --port 0              the same on any free port
  $ xswarm-dev watch --url ws://127.0.0.1:9999        watch a running supervisor (its traffic feed if it has one)
  $ xswarm-dev watch --record traffic.jsonl           record while watching
  $ xswarm-dev watch --replay traffic.jsonl --speed 4 play a recording back, four times as fast
  $ xswarm-dev watch --embedded --json | jq .frame    not a terminal: one JSON object per event

Keys: ↑/↓ j/k select · PgUp/PgDn page · g/G top/bottom · / filter · p pause · c clear · r reconnect
      s SMS · e email · ? help · q or Ctrl-C quit.
When stdout is not a terminal, one plain line (or, with --json, one JSON object) is printed per event
until SIGINT or SIGTERM.

Exit codes:
  0  quit with q / Ctrl-C, SIGINT, SIGTERM or SIGHUP; a replay reached its end (not a terminal);
     the reader of a pipe went away
  1  --embedded and the port is taken (or cannot be bound); another unexpected failure
  2  options that do not go together, an invalid --port / --speed, a bad configuration, or a
     --replay file that cannot be read
  4  not a terminal, and the supervisor refused the token`;

/** `xswarm-dev watch`: the live dashboard. */
export function watchCommand(): Command {
  return addCommonOptions(
    new Command("watch").description(
      "Live dashboard of supervisor traffic; send simulated SMS and email from the keyboard",
    ),
  )
    .option("--embedded", "start a dev supervisor in this process and watch its traffic feed")
    .option("--port <port>", "with --embedded: port to listen on; 0 picks a free one (default 9999)")
    .option("--host <host>", "with --embedded: address to listen on (default 127.0.0.1)")
    .addOption(
      new Option(
        "--responder <name>",
        "with --embedded: how SMS and email are answered (default ack)",
      ).choices(["ack", "echo", "claude"]),
    )
    .option("--broadcast-demo", "with --embedded: send PROTOCOL.md's broadcast events every few seconds")
    .option("--replay <file>", "show a recorded JSON-lines traffic file instead of a live supervisor")
    .option("--speed <x>", "with --replay: 2 = twice the recorded pace, 0 = as fast as possible (default 1)")
    .option("--record <file>", "write every event shown to this JSON-lines file (--replay reads it)")
    .option("--buffer <n>", "events kept in memory for the feed; older ones are dropped (default 5000)")
    .addHelpText("after", EXAMPLES)
    .action((flags: WatchFlags) =>
      run(flags, async () => (await import("./watch-flow.js")).runWatchCommand(flags)),
    );
}
