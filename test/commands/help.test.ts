import { describe, expect, it } from "vitest";
import { doctorCommand } from "../../src/commands/doctor.js";
import { supervisorCommand } from "../../src/commands/supervisor.js";
import { tapCommand } from "../../src/commands/tap.js";
import { watchCommand } from "../../src/commands/watch.js";
import { helpOf } from "../helpers/help-text.js";

/** The lines of the `Exit codes:` block: code and the start of its meaning. */
function exitCodes(help: string): string[] {
  const block = help.split("\nExit codes:\n")[1] ?? "";
  return [...block.matchAll(/^ +(\d+) {2}(\S+ \S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe("each long-running command states its own exit codes in --help", () => {
  it("supervisor: stopped, could not listen, bad options", () => {
    const help = helpOf(supervisorCommand());
    expect(exitCodes(help)).toEqual(["0 stopped by", "1 could not", "2 bad options,", "130 a second"]);
    expect(help).toContain("lsof -i :9999");
    expect(help).toContain("--env-file <path>");
    expect(help).toContain("Examples:");
  });

  it("tap: examples, then stopped, could not listen, bad options", () => {
    const help = helpOf(tapCommand());
    expect(help).toContain("Examples:\n  $ xswarm-dev tap ");
    expect(help).toContain("SUPERVISOR_URL=ws://127.0.0.1:9998");
    expect(help).toContain('{"type":"monitor"}');
    expect(exitCodes(help)).toEqual(["0 stopped by", "1 could not", "2 bad options:", "130 a second"]);
  });

  it("watch: quit, port taken, bad options, refused token", () => {
    expect(exitCodes(helpOf(watchCommand()))).toEqual([
      "0 quit with",
      "1 --embedded and",
      "2 options that",
      "4 not a",
    ]);
  });

  it("doctor: nothing failed, a step failed, bad usage", () => {
    expect(exitCodes(helpOf(doctorCommand()))).toEqual(["0 no step", "1 at least", "2 bad usage"]);
  });
});
