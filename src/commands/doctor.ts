import { Command } from "commander";
import { addCommonOptions, type CommonOptions, colorsFor, configFlags, EXIT, run } from "./shared.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev doctor                              check the supervisor link from the configuration
  $ xswarm-dev doctor --url ws://127.0.0.1:9998    check another port
  $ xswarm-dev doctor --no-events                  skip the SMS and email round trips (no AI work)
  $ xswarm-dev doctor --json | jq '.checks[] | select(.status != "pass")'
  $ xswarm-dev doctor --webhook http://127.0.0.1:8787/sms/inbound   the Node.js server's SMS webhook

Steps: configuration, URL, DNS, TCP, WebSocket handshake, ping, auth, auth enforcement,
SMS round trip, email round trip (test user xswarm-dev-doctor). A step that an earlier failure
makes meaningless is skipped. With --webhook: webhook URL, DNS, TCP, Twilio auth token, signed
request, unsigned refused, bad signature refused.

Exit codes:
  0  no step failed (warnings and --no-events skips are allowed)
  1  at least one step failed, including a configuration error in step 1
  2  bad usage (an unknown option)`;

interface DoctorFlags extends CommonOptions {
  events: boolean;
  webhook?: string;
  twilioAuthToken?: string;
}

/** `xswarm-dev doctor`: diagnoses the supervisor link step by step. */
export function doctorCommand(): Command {
  const command = new Command("doctor")
    .description("Diagnose the supervisor link step by step (config, network, handshake, auth, events)")
    .option(
      "--no-events",
      "skip the SMS and email round trips, for a supervisor whose replies do real AI work",
    )
    .option("--webhook <url>", "check the Node.js server's SMS webhook instead: reachable, signature checked")
    .option(
      "--twilio-auth-token <token>",
      "with --webhook: sign with this token (default: TWILIO_AUTH_TOKEN, .env*)",
    );
  return addCommonOptions(command)
    .addHelpText("after", EXAMPLES)
    .action((flags: DoctorFlags) =>
      run(flags, async () => {
        const { renderCheck, renderSummary, reportJson, runDoctor } = await import("../diagnostics/index.js");
        const c = colorsFor(process.stdout);
        const steps = flags.webhook === undefined ? undefined : await webhookDoctorSteps(flags);
        const report = await runDoctor(
          {
            flags: configFlags(flags),
            events: flags.events,
            ...(flags.json
              ? {}
              : { onResult: (result) => process.stdout.write(renderCheck(result, c, flags)) }),
          },
          steps,
        );
        process.stdout.write(flags.json ? `${reportJson(report)}\n` : renderSummary(report, c));
        return report.ok ? EXIT.ok : EXIT.failure;
      }),
    );
}

async function webhookDoctorSteps(flags: DoctorFlags) {
  const { loadConfig } = await import("../config/index.js");
  const { webhookSteps } = await import("../diagnostics/checks/webhook.js");
  const { twilioToken } = await import("./webhook-options.js");
  const config = loadConfig(
    { ...configFlags(flags), twilioAuthToken: flags.twilioAuthToken },
    { validateUrl: false },
  );
  const token = twilioToken(config);
  const timeout = config.sources.timeoutMs?.kind === "default" ? {} : { timeoutMs: config.timeoutMs };
  return webhookSteps({ url: flags.webhook ?? "", ...timeout, ...(token ? { authToken: token } : {}) });
}
