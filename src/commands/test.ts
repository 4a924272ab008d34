import { REPORTERS, type ReporterName } from "../scenario/reporters/index.js";
import { type CommandDefinition, defineCommand } from "./define-command.js";
import { CONNECTION_OPTIONS, responder } from "./options/common.js";
import { option } from "./options/define.js";
import { flag, oneOf, path, text } from "./options/values.js";

const HELP = `
Examples:
  $ xswarm-dev test                                  the built-in integration suite (SUPERVISOR_URL)
  $ xswarm-dev test --embedded --responder echo      the same against an in-process supervisor
  $ xswarm-dev test --embedded --reporter junit --output results.xml
  $ xswarm-dev test --embedded --grep SMS --bail     only the SMS scenarios; stop at the first failure
  $ xswarm-dev test --generate traffic.jsonl > recorded.yaml && xswarm-dev test recorded.yaml --embedded

  In a clone of the repository, the example scenarios (re-run on every change with --watch):
    xswarm-dev test examples/scenarios --embedded --responder echo --watch

With no file, runs the built-in integration suite (auth, ping, SMS, email, not authenticated, a
malformed frame, order under 20 concurrent sends). The format: docs/scenarios.md.`;

export const TEST_OPTIONS = {
  ...CONNECTION_OPTIONS,
  json: {
    ...CONNECTION_OPTIONS.json,
    description: "the same as --reporter json: the run as one JSON document",
  },
  embedded: option({
    flags: "--embedded",
    description: "start a dev supervisor in this process (127.0.0.1, a free port) and test it",
    schema: flag(),
    default: false,
  }),
  responder: { ...responder, description: `with --embedded: ${responder.description}` },
  reporter: option({
    flags: "--reporter <name>",
    description: "how results are written",
    schema: oneOf<ReporterName>(REPORTERS),
    choices: REPORTERS,
    default: "terminal" as ReporterName,
  }),
  output: option({
    flags: "--output <file>",
    description: "write the junit, json or tap report to this file (the terminal shows progress)",
    schema: path(),
  }),
  bail: option({
    flags: "--bail",
    description: "stop at the first failing scenario",
    schema: flag(),
    default: false,
  }),
  grep: option({
    flags: "--grep <text>",
    description: "run only the scenarios whose name contains this (any case)",
    schema: text(),
  }),
  generate: option({
    flags: "--generate <record.jsonl>",
    description: "print a scenario replaying a watch --record or supervisor --record file",
    schema: path(),
  }),
  watch: option({
    flags: "--watch",
    description: "run again whenever a scenario file changes",
    schema: flag(),
    default: false,
  }),
} as const;

/** `xswarm-dev test`: conversation scenarios with assertions, for CI. */
export function testCommand(): CommandDefinition<typeof TEST_OPTIONS> {
  return defineCommand({
    name: "test",
    arguments: [
      { name: "[paths...]", description: "scenario files (.yaml, .yml, .json) or folders of them" },
    ],
    options: TEST_OPTIONS,
    help: HELP,
    exits: {
      ok: "every scenario passed (--generate: the scenario was printed)",
      failure: "a scenario failed",
      usage: "an invalid scenario or record file, or options that do not go together; nothing was sent",
      connect: true,
      auth: "the supervisor refused the token",
    },
    action: async (options, { args, given }) =>
      (await import("./test-flow.js")).runTestCommand(
        options,
        (args[0] as unknown as string[] | undefined) ?? [],
        given,
      ),
  });
}
