import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SupervisorClient } from "../client/supervisor-client.js";
import { loadConfig } from "../config/index.js";
import type { Config } from "../config/types.js";
import { ValidationError } from "../protocol/errors.js";
import {
  BUILTIN_PASSED,
  builtinScenarios,
  generateScenario,
  loadScenarios,
  readRecording,
  runScenarios,
} from "../scenario/index.js";
import { readScenarioText } from "../scenario/read-files.js";
import { machineReport, scenarioLines, summaryLines } from "../scenario/reporters/index.js";
import type { RunResult } from "../scenario/results.js";
import { watchScenarioFiles } from "../scenario/watch.js";
import { startSupervisor } from "../supervisor/server.js";
import { colorsFor, reportError } from "./colors.js";
import type { CommandContext } from "./define-command.js";
import type { OptionValues } from "./options/define.js";
import { configFlags, EXIT, OPTIONS_HINT } from "./shared.js";
import { listenForStop } from "./signals.js";
import type { TEST_OPTIONS } from "./test.js";

type TestOptions = OptionValues<typeof TEST_OPTIONS>;
type Given = CommandContext<typeof TEST_OPTIONS>["given"];

function check(options: TestOptions, paths: string[], given: Given): void {
  const issues: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (given("responder") && !options.embedded) add("--responder", "--responder goes with --embedded");
  if (options.embedded && options.url) add("--url", "--url and --embedded exclude each other");
  if (options.output && reporterOf(options) === "terminal")
    add("--output", "--output goes with --reporter junit, json or tap");
  if (options.json && given("reporter") && options.reporter !== "json")
    add("--json", "--json and --reporter exclude each other");
  if (options.watch && paths.length === 0) add("--watch", "--watch needs scenario files or folders to watch");
  if (options.generate) {
    for (const key of ["embedded", "url", "watch", "bail", "grep", "output", "reporter"] as const)
      if (given(key)) add("--generate", `--generate prints a scenario; it does not go with --${key}`);
    if (paths.length > 0) add("--generate", "--generate takes the record file only, no scenario files");
  }
  if (issues.length > 0) throw new ValidationError("test options", issues, OPTIONS_HINT);
}

const reporterOf = (options: TestOptions) => (options.json ? "json" : options.reporter);

/** Throws the client's typed error (exit 3 / 4) when the supervisor cannot be reached or refuses the token. */
async function preflight(url: string, config: Config): Promise<void> {
  const client = new SupervisorClient({
    url,
    authToken: config.token,
    connectTimeoutMs: Math.min(config.timeoutMs, 10_000),
    heartbeatIntervalMs: 0,
    reconnect: false,
  });
  try {
    await client.connect();
  } finally {
    client.disconnect();
  }
}

/** `xswarm-dev test`: checks the options, then generates, runs once, or watches. */
export async function runTestCommand(options: TestOptions, paths: string[], given: Given): Promise<number> {
  check(options, paths, given);
  if (options.generate) {
    const file = options.generate;
    process.stdout.write(generateScenario(readRecording(readScenarioText(file), file), file));
    return EXIT.ok;
  }
  const load = () => (paths.length > 0 ? loadScenarios(paths) : builtinScenarios());
  const first = load(); // invalid files: exit 2 before anything is started or sent
  const config = loadConfig(configFlags(options), { validateUrl: !options.embedded });
  const supervisor = options.embedded
    ? await startSupervisor({
        host: "127.0.0.1",
        port: 0,
        token: config.token,
        responder: options.responder,
        logFile: null,
      })
    : undefined;
  const stop = listenForStop();
  try {
    const url = supervisor?.url ?? config.url;
    await preflight(url, config);
    const runOnce = async (scenarios = first) => {
      const result = await execute(scenarios, options, url, config, stop.abort, paths.length === 0);
      return result.failed > 0 ? EXIT.failure : EXIT.ok;
    };
    const code = await runOnce();
    if (!options.watch) return code;
    const out = terminalStream(options);
    out.write(`\nWatching ${paths.join(", ")} for changes… (Ctrl-C to stop)\n`);
    await watchScenarioFiles({
      paths,
      signal: stop.abort,
      rerun: async (changed) => {
        out.write(`\n${changed} changed: running again\n`);
        try {
          await runOnce(load());
        } catch (error) {
          reportError(error, { verbose: options.verbose });
        }
        out.write(`\nWatching ${paths.join(", ")} for changes… (Ctrl-C to stop)\n`);
      },
    });
    return EXIT.ok;
  } finally {
    stop.dispose();
    await supervisor?.close();
  }
}

/** The terminal reporter writes to stdout unless a machine report goes there. */
function terminalStream(options: TestOptions): NodeJS.WriteStream {
  return reporterOf(options) !== "terminal" && !options.output ? process.stderr : process.stdout;
}

async function execute(
  scenarios: ReturnType<typeof builtinScenarios>,
  options: TestOptions,
  url: string,
  config: Config,
  signal: AbortSignal,
  builtin: boolean,
): Promise<RunResult> {
  const out = terminalStream(options);
  const c = colorsFor(out);
  const result = await runScenarios(scenarios, {
    url,
    token: config.token,
    timeoutMs: config.timeoutMs,
    bail: options.bail,
    grep: options.grep,
    signal,
    onScenario: (scenario) => out.write(`${scenarioLines(scenario, c).join("\n")}\n`),
  });
  out.write(`${summaryLines(result, c).join("\n")}\n`);
  if (builtin && result.failed === 0 && result.passed > 0) out.write(`\n${BUILTIN_PASSED}\n`);
  const reporter = reporterOf(options);
  if (reporter !== "terminal") {
    const document = machineReport(reporter, result);
    if (options.output) {
      mkdirSync(dirname(options.output), { recursive: true });
      writeFileSync(options.output, document);
    } else process.stdout.write(document);
  }
  return result;
}
