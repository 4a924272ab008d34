import { Command, Option } from "commander";
import { run } from "./shared.js";

const HELP = `
Examples:
  $ xswarm-dev tap                                     127.0.0.1:9998 in front of ws://127.0.0.1:9999
  $ xswarm-dev tap --upstream ws://127.0.0.1:9999 --record traffic.jsonl
  $ xswarm-dev tap --listen 0 --verbose                any free port; log every connection
  $ SUPERVISOR_URL=ws://127.0.0.1:9998 npm run dev     point the webhook server at the tap
  $ xswarm-dev watch --url ws://127.0.0.1:9998         watch the traffic through the tap

A client the upstream has authenticated may send {"type":"monitor"} to the tap to receive the traffic feed.
Ctrl-C or SIGTERM closes every client (and its upstream connection) with 1001 and exits 0.

Exit codes:
  0  stopped by Ctrl-C or SIGTERM
  1  could not listen: the port is taken (try --listen 0, or see what holds it with lsof -i :9998),
     or another listen error
  2  bad options: a --listen outside 0-65535, an --upstream that is not ws:// or wss://, or a
     non-loopback --host without --allow-remote`;

export function tapCommand(): Command {
  return new Command("tap")
    .description("Transparent recording proxy in front of a supervisor (e.g. the Rust one)")
    .option("--listen <port>", "port to listen on; 0 picks a free one", "9998")
    .option("--upstream <url>", "the supervisor to forward to", "ws://127.0.0.1:9999")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--record <file>", "write every frame of the traffic feed to this JSON-lines file")
    .addOption(new Option("--allow-remote", "allow a --host other machines can reach"))
    .option(
      "--auth-timeout-ms <ms>",
      "close clients the upstream has not authenticated by then (4408); 0: never",
      "10000",
    )
    .option("--verbose", "log every connection, not only failures")
    .addHelpText("after", HELP)
    .action((raw: Record<string, unknown>) =>
      run(raw, async () => (await import("./tap-flow.js")).runTap(raw)),
    );
}
