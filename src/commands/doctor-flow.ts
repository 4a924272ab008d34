import { loadConfig } from "../config/index.js";
import { renderCheck, renderSummary, reportJson, runDoctor } from "../diagnostics/index.js";
import { colorsFor } from "./colors.js";
import type { DOCTOR_OPTIONS } from "./doctor.js";
import type { OptionValues } from "./options/define.js";
import { configFlags, EXIT } from "./shared.js";

/** Runs the doctor's steps, printing each as it finishes (or one JSON report); resolves with the exit code. */
export async function runDoctorCommand(options: OptionValues<typeof DOCTOR_OPTIONS>): Promise<number> {
  const c = colorsFor(process.stdout);
  const steps = options.webhook === undefined ? undefined : await webhookDoctorSteps(options);
  const report = await runDoctor(
    {
      flags: configFlags(options),
      events: options.events,
      ...(options.json
        ? {}
        : { onResult: (result) => process.stdout.write(renderCheck(result, c, options)) }),
    },
    steps,
  );
  process.stdout.write(options.json ? `${reportJson(report)}\n` : renderSummary(report, c));
  return report.ok ? EXIT.ok : EXIT.failure;
}

/**
 * `doctor --webhook`: the webhook's steps, signed with the configured Twilio auth token. Loaded only
 * with --webhook: the webhook checks bring fast-xml-parser (TwiML), unbundled, and the HTTP client.
 */
async function webhookDoctorSteps(options: OptionValues<typeof DOCTOR_OPTIONS>) {
  const [{ webhookSteps }, { twilioToken }] = await Promise.all([
    import("../diagnostics/checks/webhook.js"),
    import("./webhook-send.js"),
  ]);
  const config = loadConfig(
    { ...configFlags(options), twilioAuthToken: options.twilioAuthToken },
    { validateUrl: false },
  );
  const token = twilioToken(config);
  const timeout = config.sources.timeoutMs?.kind === "default" ? {} : { timeoutMs: config.timeoutMs };
  return webhookSteps({ url: options.webhook ?? "", ...timeout, ...(token ? { authToken: token } : {}) });
}
