import { Command } from "commander";
import { addCommonOptions, type CommonOptions, colorsFor, configFlags, EXIT, run } from "./shared.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev doctor                              check the supervisor link from the configuration
  $ xswarm-dev doctor --url ws://127.0.0.1:9998    check another port
  $ xswarm-dev doctor --no-events                  skip the SMS and email round trips (no AI work)
  $ xswarm-dev doctor --json | jq '.checks[] | select(.status != "pass")'

Steps: configuration, URL, DNS, TCP, WebSocket handshake, ping, auth, auth enforcement,
SMS round trip, email round trip (test user xswarm-dev-doctor). A step that an earlier failure
makes meaningless is skipped.

Exit codes:
  0  no step failed (warnings and --no-events skips are allowed)
  1  at least one step failed, including a configuration error in step 1
  2  bad usage (an unknown option)`;

interface DoctorFlags extends CommonOptions {
  events: boolean;
}

/** `xswarm-dev doctor`: diagnoses the supervisor link step by step. */
export function doctorCommand(): Command {
  const command = new Command("doctor")
    .description("Diagnose the supervisor link step by step (config, network, handshake, auth, events)")
    .option(
      "--no-events",
      "skip the SMS and email round trips, for a supervisor whose replies do real AI work",
    );
  return addCommonOptions(command)
    .addHelpText("after", EXAMPLES)
    .action((flags: DoctorFlags) =>
      run(flags, async () => {
        const { renderCheck, renderSummary, reportJson, runDoctor } = await import("../diagnostics/index.js");
        const c = colorsFor(process.stdout);
        const report = await runDoctor({
          flags: configFlags(flags),
          events: flags.events,
          ...(flags.json
            ? {}
            : { onResult: (result) => process.stdout.write(renderCheck(result, c, flags)) }),
        });
        process.stdout.write(flags.json ? `${reportJson(report)}\n` : renderSummary(report, c));
        return report.ok ? EXIT.ok : EXIT.failure;
      }),
    );
}
