import { loadConfig } from "../config/index.js";
import { webhookSteps } from "../diagnostics/checks/webhook.js";
import { renderCheck, renderSummary, reportJson, runDoctor } from "../diagnostics/index.js";
import { colorsFor } from "./colors.js";
import type { DOCTOR_OPTIONS } from "./doctor.js";
import type { OptionValues } from "./options/define.js";
import { configFlags, EXIT } from "./shared.js";
import { twilioToken } from "./webhook-send.js";

/** Runs the doctor's steps, printing each as it finishes (or one JSON report); resolves with the exit code. */
export async function runDoctorCommand(options: OptionValues<typeof DOCTOR_OPTIONS>): Promise<number> {
  const c = colorsFor(process.stdout);
  const steps = options.webhook === undefined ? undefined : webhookDoctorSteps(options);
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

/** `doctor --webhook`: the webhook's steps, signed with the configured Twilio auth token. */
function webhookDoctorSteps(options: OptionValues<typeof DOCTOR_OPTIONS>) {
  const config = loadConfig(
    { ...configFlags(options), twilioAuthToken: options.twilioAuthToken },
    { validateUrl: false },
  );
  const token = twilioToken(config);
  const timeout = config.sources.timeoutMs?.kind === "default" ? {} : { timeoutMs: config.timeoutMs };
  return webhookSteps({ url: options.webhook ?? "", ...timeout, ...(token ? { authToken: token } : {}) });
}
