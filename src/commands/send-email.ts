import { type CommandDefinition, defineCommand } from "./define-command.js";
import { CONNECTION_OPTIONS, LOAD_OPTIONS } from "./options/common.js";
import { option } from "./options/define.js";
import { eventField } from "./options/values.js";
import { EMAIL_WEBHOOK_OPTIONS } from "./options/webhook.js";
import { SEND_EXITS, SEND_OPTIONS_HINT } from "./send-exits.js";

const HELP = `
Examples:
  $ xswarm-dev send-email --from bob@example.com --to boss@example.com --subject "Status" --body "All green" --user bob
  $ xswarm-dev send-email --subject "Report" --body-file report.txt --user bob   addresses from XSWARM_FROM_EMAIL / XSWARM_TO_EMAIL
  $ git log -1 | xswarm-dev send-email --subject "Last commit" --body - --user bob
  $ xswarm-dev send-email --subject "Hi" --body "Hi" --json | jq .reply
  $ xswarm-dev send-email --subject "Hi" --body "Hi" --count 500 --concurrency 10   load mode

With --webhook <url> the email goes to the Node.js server as SendGrid Inbound Parse would post it, e.g.
  xswarm-dev send-email --subject "Hi" --body "Hi" --attach notes.txt --webhook http://127.0.0.1:8787/email/inbound
(multipart/form-data: from with a display name, envelope and charsets JSON, attachments); see docs/webhooks.md.`;

export const EMAIL_OPTIONS = {
  from: option({
    flags: "--from <address>",
    description: "sender's address",
    schema: eventField(),
    defaultText: "XSWARM_FROM_EMAIL, or fromEmail in .xswarm-dev.json",
  }),
  to: option({
    flags: "--to <address>",
    description: "recipient's address",
    schema: eventField(),
    defaultText: "XSWARM_TO_EMAIL, or toEmail in .xswarm-dev.json",
  }),
  subject: option({ flags: "--subject <text>", description: "the subject (required)", schema: eventField() }),
  body: option({
    flags: "--body <text>",
    description: "the body; - reads it from stdin",
    schema: eventField(),
  }),
  bodyFile: option({
    flags: "--body-file <path>",
    description: "read the body from this file; - reads stdin",
    schema: eventField(),
  }),
  user: option({
    flags: "--user <name>",
    description: "xswarm user name",
    schema: eventField(),
    defaultText: "XSWARM_USER, or user in .xswarm-dev.json",
  }),
  ...EMAIL_WEBHOOK_OPTIONS,
  ...LOAD_OPTIONS,
  ...CONNECTION_OPTIONS,
} as const;

/** `xswarm-dev send-email`: a simulated inbound email. */
export function sendEmailCommand(): CommandDefinition<typeof EMAIL_OPTIONS> {
  return defineCommand({
    name: "send-email",
    options: EMAIL_OPTIONS,
    help: HELP,
    exits: SEND_EXITS,
    optionsHint: SEND_OPTIONS_HINT,
    action: async (options) => (await import("./send-flow.js")).sendEmail(options),
  });
}
