import { type CommandDefinition, defineCommand } from "./define-command.js";
import { CONNECTION_OPTIONS, LOAD_OPTIONS } from "./options/common.js";
import { option } from "./options/define.js";
import { eventField } from "./options/values.js";
import { SMS_WEBHOOK_OPTIONS } from "./options/webhook.js";
import { SEND_EXITS, SEND_OPTIONS_HINT } from "./send-exits.js";

const HELP = `
Examples:
  $ xswarm-dev send-sms "Hello boss" --from +15551234567 --to +15557654321 --user alice
  $ xswarm-dev send-sms -m "Running late" --user alice   numbers from XSWARM_FROM_PHONE / XSWARM_TO_PHONE
  $ echo "Meeting at 3?" | xswarm-dev send-sms - --user alice
  $ xswarm-dev send-sms "Hi" --json | jq .latency_ms
  $ xswarm-dev send-sms "Hi" --count 200 --concurrency 20 --rate 200   load mode: one second

Phone numbers may hold spaces, dashes, dots and parentheses; they are sent in E.164 form (+15551234567).
The length and SMS segment count (GSM-7 160/153, UCS-2 70/67) are shown before sending.

With --webhook <url> the SMS goes to the Node.js server as Twilio would send it, e.g.
  xswarm-dev send-sms "Hi" --from +15551234567 --to +15557654321 --webhook http://127.0.0.1:8787/sms/inbound --trace
signed when a Twilio auth token is set (--twilio-auth-token, TWILIO_AUTH_TOKEN); see docs/webhooks.md.`;

export const SMS_OPTIONS = {
  message: option({
    flags: "-m, --message <text>",
    description: "the message, instead of [text]; - reads it from stdin",
    schema: eventField(),
  }),
  from: option({
    flags: "--from <phone>",
    description: "sender's phone",
    schema: eventField(),
    defaultText: "XSWARM_FROM_PHONE, or fromPhone in .xswarm-dev.json",
  }),
  to: option({
    flags: "--to <phone>",
    description: "recipient's phone",
    schema: eventField(),
    defaultText: "XSWARM_TO_PHONE, or toPhone in .xswarm-dev.json",
  }),
  user: option({
    flags: "--user <name>",
    description: "xswarm user name",
    schema: eventField(),
    defaultText: "XSWARM_USER, or user in .xswarm-dev.json",
  }),
  ...SMS_WEBHOOK_OPTIONS,
  ...LOAD_OPTIONS,
  ...CONNECTION_OPTIONS,
} as const;

/** `xswarm-dev send-sms`: a simulated inbound SMS. */
export function sendSmsCommand(): CommandDefinition<typeof SMS_OPTIONS> {
  return defineCommand({
    name: "send-sms",
    arguments: [{ name: "[text]", description: "the message; - reads it from stdin" }],
    options: SMS_OPTIONS,
    help: HELP,
    exits: SEND_EXITS,
    optionsHint: SEND_OPTIONS_HINT,
    action: async (options, { args }) => (await import("./send-flow.js")).sendSms(args[0], options),
  });
}
