import { renderCheck, renderSummary, reportJson, runDoctor } from "../diagnostics/index.js";
import type { DOCTOR_OPTIONS } from "./doctor.js";
import type { OptionValues } from "./options/define.js";
import { colorsFor, configFlags, EXIT } from "./shared.js";

/** Runs the doctor's steps, printing each as it finishes (or one JSON report); resolves with the exit code. */
export async function runDoctorCommand(options: OptionValues<typeof DOCTOR_OPTIONS>): Promise<number> {
  const c = colorsFor(process.stdout);
  const report = await runDoctor({
    flags: configFlags(options),
    events: options.events,
    ...(options.json ? {} : { onResult: (result) => process.stdout.write(renderCheck(result, c, options)) }),
  });
  process.stdout.write(options.json ? `${reportJson(report)}\n` : renderSummary(report, c));
  return report.ok ? EXIT.ok : EXIT.failure;
}
