import type { Config } from "../config/types.js";
import { ValidationError } from "../protocol/errors.js";
import type { EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import { validateEmail } from "../send/email.js";
import type { LoadOptions } from "../send/inputs.js";
import { pickText } from "../send/text-source.js";
import { parseDataFlags } from "../webhook/data-flags.js";
import { parseWebhookUrl, TWILIO_TIMEOUT_MS } from "../webhook/errors.js";
import { SEND_OPTIONS_HINT } from "./send-exits.js";
import type { WebhookRun } from "./webhook-flow.js";

/** The webhook flags of send-sms and send-email, as commander gives them. */
export interface WebhookFlags {
  webhook?: string;
  data?: string[];
  twilioAuthToken?: string;
  include?: boolean;
  trace?: boolean;
  cc?: string[];
  html?: string;
  htmlFile?: string;
  attach?: string[];
}

/** Flags that mean something only with --webhook: given without it, a usage error naming the first. */
export function assertWebhookOnly(flags: WebhookFlags): void {
  if (flags.webhook !== undefined) return;
  const names: Array<[keyof WebhookFlags, string]> = [
    ["data", "--data"],
    ["twilioAuthToken", "--twilio-auth-token"],
    ["include", "--include"],
    ["trace", "--trace"],
    ["cc", "--cc"],
    ["html", "--html"],
    ["htmlFile", "--html-file"],
    ["attach", "--attach"],
  ];
  // Switches default to false: only a value the user gave counts.
  const given = names.find(([key]) => flags[key] !== undefined && flags[key] !== false);
  if (given)
    throw new ValidationError(
      given[1],
      [{ field: given[1], message: `${given[1]} needs --webhook <url>` }],
      SEND_OPTIONS_HINT,
    );
}

/** The run options of a webhook send: the URL checked, Twilio's 15 s unless --timeout (or a variable) says otherwise. */
export function webhookRun(
  config: Config,
  flags: WebhookFlags & { json?: boolean; verbose?: boolean },
  load: LoadOptions | undefined,
): WebhookRun {
  const url = parseWebhookUrl(flags.webhook ?? "").href;
  const timeoutDefault = config.sources.timeoutMs?.kind === "default";
  return {
    url,
    timeoutMs: timeoutDefault ? TWILIO_TIMEOUT_MS : config.timeoutMs,
    data: parseDataFlags(flags.data ?? []),
    ...(flags.include ? { include: true } : {}),
    ...(flags.json ? { json: true } : {}),
    ...(flags.verbose ? { verbose: true } : {}),
    ...(flags.trace
      ? { trace: { url: config.url, token: config.token, timeoutMs: Math.min(config.timeoutMs, 5000) } }
      : {}),
    ...(load ? { load } : {}),
  };
}

/** The Twilio auth token and where it came from, for signing and the masked note. */
export function twilioToken(config: Config): { value: string; source: string } | undefined {
  const value = config.twilioAuthToken;
  return value ? { value, source: config.sources.twilioAuthToken?.label ?? "configuration" } : undefined;
}

/** `send-sms --webhook`: the SMS, validated as for the supervisor, posted as Twilio would. */
export async function smsViaWebhook(
  input: SmsEventInput,
  config: Config,
  flags: WebhookFlags & { json?: boolean; verbose?: boolean },
  load: LoadOptions | undefined,
): Promise<number> {
  const run = webhookRun(config, flags, load);
  const token = twilioToken(config);
  return (await import("./webhook-flow.js")).smsWebhook(input, {
    ...run,
    ...(token ? { authToken: token } : {}),
  });
}

/** `send-email --webhook`: the email posted as SendGrid Inbound Parse would, with --cc, --html(-file) and --attach. */
export async function emailViaWebhook(
  input: EmailEventInput,
  config: Config,
  flags: WebhookFlags & { json?: boolean; verbose?: boolean },
  load: LoadOptions | undefined,
): Promise<number> {
  const run = webhookRun(config, flags, load);
  const cc = (flags.cc ?? []).map((address) => validateEmail(address, "--cc"));
  const html = await pickText("html", [
    { label: "--html", value: flags.html },
    { label: "--html-file", value: flags.htmlFile, file: true },
  ]);
  const { emailWebhook, readAttachments } = await import("./webhook-flow.js");
  return emailWebhook(input, {
    ...run,
    cc,
    attachments: await readAttachments(flags.attach ?? []),
    ...(html.value !== undefined ? { html: { value: html.value, label: html.label } } : {}),
  });
}
