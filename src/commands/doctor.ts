import { type CommandDefinition, defineCommand } from "./define-command.js";
import { CONNECTION_OPTIONS, verbose } from "./options/common.js";
import { option } from "./options/define.js";
import { flag } from "./options/values.js";
import { DOCTOR_WEBHOOK_OPTIONS } from "./options/webhook.js";

const HELP = `
Examples:
  $ xswarm-dev doctor                              check the supervisor link from the configuration
  $ xswarm-dev doctor --url ws://127.0.0.1:9998    check another port
  $ xswarm-dev doctor --no-events                  skip the SMS and email round trips (no AI work)
  $ xswarm-dev doctor --json | jq '.checks[] | select(.status != "pass")'

Steps: configuration, URL, DNS, TCP, WebSocket handshake, ping, auth, auth enforcement,
SMS round trip, email round trip (test user xswarm-dev-doctor). A step that an earlier failure
makes meaningless is skipped.

With --webhook <url> it checks the Node.js server's SMS webhook instead, e.g.
  xswarm-dev doctor --webhook http://127.0.0.1:8787/sms/inbound
steps: webhook URL, DNS, TCP, Twilio auth token, signed request, unsigned refused, wrong signature.`;

export const DOCTOR_OPTIONS = {
  ...CONNECTION_OPTIONS,
  verbose: { ...verbose, description: "show how long each step took, and stack traces of unexpected errors" },
  events: option({
    flags: "--no-events",
    description: "skip the SMS and email round trips, for a supervisor whose replies do real AI work",
    schema: flag(),
    default: true,
  }),
  ...DOCTOR_WEBHOOK_OPTIONS,
} as const;

/** `xswarm-dev doctor`: diagnoses the supervisor link step by step. */
export function doctorCommand(): CommandDefinition<typeof DOCTOR_OPTIONS> {
  return defineCommand({
    name: "doctor",
    options: DOCTOR_OPTIONS,
    help: HELP,
    exits: {
      ok: "no step failed (warnings and --no-events skips are allowed)",
      failure: "at least one step failed, including a configuration error in step 1",
      usage: "bad usage (an unknown option)",
    },
    action: async (options) => (await import("./doctor-flow.js")).runDoctorCommand(options),
  });
}
