import { Command } from "commander";
import { addLoadOptions } from "./load-options.js";
import type { EmailFlags } from "./send-flow.js";
import { addCommonOptions, run } from "./shared.js";
import { addWebhookOptions } from "./webhook-options.js";

const EXAMPLES = `
Examples:
  $ xswarm-dev send-email --from bob@example.com --to boss@example.com --subject "Status" --body "All green" --user bob
  $ xswarm-dev send-email --subject "Report" --body-file report.txt --user bob   addresses from XSWARM_FROM_EMAIL / XSWARM_TO_EMAIL
  $ git log -1 | xswarm-dev send-email --subject "Last commit" --body - --user bob
  $ xswarm-dev send-email --subject "Hi" --body "Hi" --json | jq .reply
  $ xswarm-dev send-email --subject "Hi" --body "Hi" --count 500 --concurrency 10   load mode
  $ xswarm-dev send-email --subject "Hi" --body "Hi" --attach a.pdf --webhook http://127.0.0.1:8787/email/inbound`;

/** `xswarm-dev send-email`: a simulated inbound email. */
export function sendEmailCommand(): Command {
  const command = new Command("send-email")
    .description("Send a simulated inbound email (email_received) to the supervisor and show the reply")
    .option(
      "--from <address>",
      "sender's address (default: XSWARM_FROM_EMAIL, or fromEmail in .xswarm-dev.json)",
    )
    .option(
      "--to <address>",
      "recipient's address (default: XSWARM_TO_EMAIL, or toEmail in .xswarm-dev.json)",
    )
    .option("--subject <text>", "the subject (required)")
    .option("--body <text>", "the body; - reads it from stdin")
    .option("--body-file <path>", "read the body from this file; - reads stdin")
    .option("--user <name>", "xswarm user name (default: XSWARM_USER, or user in .xswarm-dev.json)");
  return addCommonOptions(addLoadOptions(addWebhookOptions(command, "email")))
    .addHelpText("after", EXAMPLES)
    .action((flags: EmailFlags) => run(flags, async () => (await import("./send-flow.js")).sendEmail(flags)));
}
