import { Command, Option } from "commander";
import { run } from "./shared.js";

export function tapCommand(): Command {
  return new Command("tap")
    .description("Transparent recording proxy in front of a supervisor (e.g. the Rust one)")
    .option("--listen <port>", "port to listen on; 0 picks a free one", "9998")
    .option("--upstream <url>", "the supervisor to forward to", "ws://127.0.0.1:9999")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--record <file>", "write every frame of the traffic feed to this JSON-lines file")
    .addOption(new Option("--allow-remote", "allow a --host other machines can reach"))
    .option("--verbose", "log every connection, not only failures")
    .addHelpText(
      "after",
      '\nPoint the Node.js webhook server at the tap (SUPERVISOR_URL=ws://127.0.0.1:9998). A client the\nupstream has authenticated may send {"type":"monitor"} to the tap to receive the traffic feed.',
    )
    .action((raw: Record<string, unknown>) =>
      run(raw, async () => (await import("./tap-flow.js")).runTap(raw)),
    );
}
