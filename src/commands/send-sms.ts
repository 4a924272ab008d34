import { Command } from "commander";
import { addLoadOptions } from "./load-options.js";
import type { SmsFlags } from "./send-flow.js";
import { addCommonOptions, run } from "./shared.js";
import { addWebhookOptions } from "./webhook-options.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev send-sms "Hello boss" --from +15551234567 --to +15557654321 --user alice
  $ xswarm-dev send-sms -m "Running late" --user alice   numbers from XSWARM_FROM_PHONE / XSWARM_TO_PHONE
  $ echo "Meeting at 3?" | xswarm-dev send-sms - --user alice
  $ xswarm-dev send-sms "Hi" --json | jq .latency_ms
  $ xswarm-dev send-sms "Hi" --count 1000 --concurrency 20 --rate 200   load mode
  $ xswarm-dev send-sms "Hi" --webhook http://127.0.0.1:8787/sms/inbound   as Twilio would (TWILIO_AUTH_TOKEN signs it)

Phone numbers may hold spaces, dashes, dots and parentheses; they are sent in E.164 form (+15551234567).
The length and SMS segment count (GSM-7 160/153, UCS-2 70/67) are shown before sending.`;

/** `xswarm-dev send-sms`: a simulated inbound SMS. */
export function sendSmsCommand(): Command {
  const command = new Command("send-sms")
    .description("Send a simulated inbound SMS (sms_received) to the supervisor and show the reply")
    .argument("[text]", "the message; - reads it from stdin")
    .option("-m, --message <text>", "the message, instead of [text]; - reads it from stdin")
    .option("--from <phone>", "sender's phone (default: XSWARM_FROM_PHONE, or fromPhone in .xswarm-dev.json)")
    .option("--to <phone>", "recipient's phone (default: XSWARM_TO_PHONE, or toPhone in .xswarm-dev.json)")
    .option("--user <name>", "xswarm user name (default: XSWARM_USER, or user in .xswarm-dev.json)");
  return addCommonOptions(addLoadOptions(addWebhookOptions(command, "sms")))
    .addHelpText("after", EXAMPLES)
    .action((text: string | undefined, flags: SmsFlags) =>
      run(flags, async () => (await import("./send-flow.js")).sendSms(text, flags)),
    );
}
