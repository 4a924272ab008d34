import type { Command } from "commander";

/** `--count`, `--concurrency`, `--rate` and `--reconnect`: load mode of the send commands. */
export function addLoadOptions(command: Command): Command {
  return command
    .option("--count <n>", "load mode: send the event n times over one connection")
    .option("--concurrency <c>", "load mode: at most c events in flight (default 1)")
    .option("--rate <r>", "load mode: at most r events a second (default: no limit)")
    .option(
      "--reconnect",
      "load mode: when the connection is lost, wait for the reconnect and go on (default: stop there)",
    );
}
