import { Command, Option } from "commander";
import { run } from "./shared.js";
import type { SupervisorFlags } from "./supervisor-flow.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev supervisor                          ack every SMS and email on 127.0.0.1:9999
  $ xswarm-dev supervisor --responder echo         answer with send_sms_response / send_email_response
  $ xswarm-dev supervisor --port 0 --record traffic.jsonl
  $ xswarm-dev supervisor --delay-ms 12000         let the webhook side hit its 10 s timeout
  $ xswarm-dev supervisor --no-origin-check --auth-timeout 0 --no-flood-limit
                                                   as faithful to the Rust server as it gets

Ctrl-C or SIGTERM closes every client with 1001 and exits 0.

Exit codes:
  0  stopped by Ctrl-C or SIGTERM
  1  could not listen: the port is taken (try --port 0, or see what holds it with lsof -i :9999),
     a port below 1024 without the right, another listen error; or a second signal while stopping
  2  bad options, a malformed configuration file, or an unsafe bind (a non-loopback --host without
     --allow-remote, or with the default dev token)`;

/** `xswarm-dev supervisor`: the embedded dev supervisor. */
export function supervisorCommand(): Command {
  return new Command("supervisor")
    .description("Run a dev supervisor that speaks the Rust supervisor's protocol (no cargo needed)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option("--port <port>", "port to listen on; 0 picks a free one (default 9999)")
    .option("--token <token>", "auth token (default: SUPERVISOR_TOKEN, else dev-token-12345)")
    .option(
      "--env-file <path>",
      "read the configuration (the token) from this file too (above .env.local and .env)",
    )
    .addOption(
      new Option("--responder <name>", "how SMS and email are answered (default ack)").choices([
        "ack",
        "echo",
        "claude",
      ]),
    )
    .option("--delay-ms <ms>", "extra latency before answering SMS and email (default 0)")
    .option("--log-file <path>", "JSON-lines log (default logs/supervisor.log)")
    .option("--no-log-file", "write no log file")
    .option("--record <file>", "write the traffic feed to this JSON-lines file")
    .option("--broadcast-demo", "send PROTOCOL.md's broadcast events every few seconds")
    .option("--allow-remote", "allow a non-loopback --host (needs a token other than the dev default)")
    .option(
      "--max-payload <bytes>",
      "largest message, and so frame, accepted (default 64 MiB; Rust: 16 MiB frames, 64 MiB messages)",
    )
    .option("--no-origin-check", "accept upgrades from any web page, as the Rust server does")
    .option(
      "--auth-timeout <ms>",
      "close connections not authenticated by then; 0 for none, as Rust (default 10000)",
    )
    .option("--no-flood-limit", "never close a client for a flood of invalid messages, as Rust")
    .option("--verbose", "print every log line and stack traces")
    .addHelpText("after", EXAMPLES)
    .action((flags: SupervisorFlags) =>
      run(flags, async () => (await import("./supervisor-flow.js")).runSupervisor(flags)),
    );
}
