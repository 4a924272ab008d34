import { describe, expect, it } from "vitest";
import { doctorCommand } from "../../src/commands/doctor.js";
import { commandOf } from "../../src/commands/program.js";
import { sendEmailCommand } from "../../src/commands/send-email.js";
import { sendSmsCommand } from "../../src/commands/send-sms.js";
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
    const help = helpOf(commandOf(supervisorCommand()));
    expect(exitCodes(help)).toEqual(["0 stopped by", "1 could not", "2 bad options,", "130 a second"]);
    expect(help).toContain("lsof -i :9999");
    expect(help).toContain("--env-file <path>");
    expect(help).toContain("Examples:");
  });

  it("tap: examples, then stopped, could not listen, bad options", () => {
    const help = helpOf(commandOf(tapCommand()));
    expect(help).toContain("Examples:\n  $ xswarm-dev tap ");
    expect(help).toContain("SUPERVISOR_URL=ws://127.0.0.1:9998");
    expect(help).toContain('{"type":"monitor"}');
    expect(exitCodes(help)).toEqual(["0 stopped by", "1 could not", "2 bad options:", "130 a second"]);
  });

  it("watch: quit, port taken, bad options, refused token", () => {
    expect(exitCodes(helpOf(commandOf(watchCommand())))).toEqual([
      "0 quit with",
      "1 --embedded and",
      "2 options that",
      "4 not a",
    ]);
  });

  it("doctor: nothing failed, a step failed, bad usage", () => {
    expect(exitCodes(helpOf(commandOf(doctorCommand())))).toEqual(["0 no step", "1 at least", "2 bad usage"]);
  });
});

/** The `--help` line of one option (with its wrapped continuation lines). */
function optionLine(help: string, flag: string): string {
  const options = help.split("\nOptions:\n")[1]?.split("\n\n")[0] ?? "";
  const start = options.split("\n").findIndex((line) => line.trimStart().startsWith(flag));
  if (start < 0) return "";
  const lines = options.split("\n");
  let end = start + 1;
  while (end < lines.length && /^ {6,}\S/.test(lines[end] ?? "") && !/^ {2}-/.test(lines[end] ?? ""))
    end += 1;
  return lines
    .slice(start, end)
    .map((l) => l.trim())
    .join(" ");
}

describe("flags and help that agree", () => {
  it("tap documents --port and --url, as every other command does (--listen/--upstream still work)", () => {
    const help = helpOf(commandOf(tapCommand()));
    expect(optionLine(help, "--port <port>")).toContain("(default: 9998)");
    expect(optionLine(help, "--url <url>")).toContain("(default: ws://127.0.0.1:9999)");
    expect(help).not.toContain("--listen");
    expect(help).not.toContain("--upstream");
  });

  it("watch --json says one object per event, not one document", () => {
    const line = optionLine(helpOf(commandOf(watchCommand())), "--json");
    expect(line).toContain("one JSON object per event");
    expect(line).not.toContain("one JSON document");
  });

  it("send-sms and send-email list their own exit codes, without doctor", () => {
    for (const command of [commandOf(sendSmsCommand()), commandOf(sendEmailCommand())]) {
      const block = helpOf(command).split("\nExit codes:\n")[1] ?? "";
      expect(block).not.toMatch(/doctor/);
      expect(exitCodes(`\nExit codes:\n${block}`).map((c) => c.split(" ")[0])).toEqual([
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "130",
      ]);
    }
  });

  it("doctor --verbose says it adds durations", () => {
    expect(optionLine(helpOf(commandOf(doctorCommand())), "--verbose")).toMatch(/how long each step took/);
  });
});
