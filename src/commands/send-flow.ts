import type { ReminderBroadcast } from "../client/types.js";
import {
  CONFIG_VARIABLES,
  describeDemoFill,
  type IdentityKey,
  loadConfig,
  withDemoIdentity,
} from "../config/index.js";
import type { Config, ConfigKey } from "../config/types.js";
import { type FieldLabel, type LoadOptions, parseEmailInput, parseSmsInput } from "../send/inputs.js";
import { createProgress } from "../send/progress.js";
import {
  describeEmailRequest,
  describeLoadSummary,
  describeReply,
  describeSmsRequest,
  type Paint,
} from "../send/report.js";
import { smsSegments } from "../send/segments.js";
import { type SendRequest, type SendTarget, sendMany, sendOnce } from "../send/send.js";
import { pickText, readStdin } from "../send/text-source.js";
import { colorsFor } from "./colors.js";
import { type LOAD_OPTIONS, loadOptions } from "./options/common.js";
import type { OptionValues } from "./options/define.js";
import type { EMAIL_OPTIONS } from "./send-email.js";
import type { SMS_OPTIONS } from "./send-sms.js";
import { type ConnectionValues, configFlags, EXIT, exitCodeFor, printJson } from "./shared.js";
import { listenForStop } from "./signals.js";
import { assertWebhookOnly, emailViaWebhook, smsViaWebhook, type WebhookFlags } from "./webhook-send.js";

type SmsFlags = OptionValues<typeof SMS_OPTIONS>;
type EmailFlags = OptionValues<typeof EMAIL_OPTIONS>;
type LoadFlags = OptionValues<typeof LOAD_OPTIONS>;
type Output = ConnectionValues & { json: boolean; verbose: boolean };

/** `send-sms`: validates everything, then sends one event (or a load run) and reports. */
export async function sendSms(text: string | undefined, flags: SmsFlags): Promise<number> {
  assertWebhookOnly(flags);
  const config = demo(
    loadConfig({
      ...configFlags(flags),
      fromPhone: flags.from,
      toPhone: flags.to,
      user: flags.user,
      twilioAuthToken: flags.twilioAuthToken,
    }),
    // A webhook request carries no user: none is made up for it.
    { fromPhone: "--from", toPhone: "--to", ...(flags.webhook === undefined ? { user: "--user" } : {}) },
  );
  const message = await pickText(
    "message",
    [
      { label: "[text]", value: text },
      { label: "--message", value: flags.message },
    ],
    stdin,
  );
  const input = parseSmsInput(
    {
      from: config.fromPhone,
      to: config.toPhone,
      message: message.value,
      user: config.user ?? webhookUser(flags),
    },
    {
      from: label(config, "fromPhone", "--from", "<phone>"),
      to: label(config, "toPhone", "--to", "<phone>"),
      user: label(config, "user", "--user", "<name>"),
      message: {
        flag: message.label,
        whenMissing: "give it as [text], with -m <text>, or - to read stdin",
      },
    },
  );
  if (flags.webhook !== undefined) return smsViaWebhook(input, config, flags, loadOptions(flags));
  return deliver(
    { type: "sms_received", ...input },
    (paint) => describeSmsRequest(input, smsSegments(input.message), paint),
    config,
    flags,
  );
}

/** `send-email`: as `send-sms`, with the body from --body, --body-file or stdin. */
export async function sendEmail(flags: EmailFlags): Promise<number> {
  assertWebhookOnly(flags);
  const config = demo(
    loadConfig({ ...configFlags(flags), fromEmail: flags.from, toEmail: flags.to, user: flags.user }),
    { fromEmail: "--from", toEmail: "--to", ...(flags.webhook === undefined ? { user: "--user" } : {}) },
  );
  const body = await pickText(
    "body",
    [
      { label: "--body", value: flags.body },
      { label: "--body-file", value: flags.bodyFile, file: true },
    ],
    stdin,
  );
  const input = parseEmailInput(
    {
      from: config.fromEmail,
      to: config.toEmail,
      subject: flags.subject,
      body: body.value,
      user: config.user ?? webhookUser(flags),
    },
    {
      from: label(config, "fromEmail", "--from", "<address>"),
      to: label(config, "toEmail", "--to", "<address>"),
      user: label(config, "user", "--user", "<name>"),
      subject: { flag: "--subject", whenMissing: "pass --subject <text>" },
      body: {
        flag: body.label,
        whenMissing: "pass --body <text>, --body-file <path>, or --body - to read stdin",
      },
    },
  );
  if (flags.webhook !== undefined) return emailViaWebhook(input, config, flags, loadOptions(flags));
  return deliver(
    { type: "email_received", ...input },
    (paint) => describeEmailRequest(input, paint),
    config,
    flags,
  );
}

// A webhook request carries no user (the server knows it from the path or the number).
const webhookUser = (flags: WebhookFlags) => (flags.webhook !== undefined ? "(webhook)" : undefined);

/** Zero configuration: what nobody set comes from the demo identity, said in one line on stderr. */
function demo(config: Config, flags: Partial<Record<IdentityKey, string>>): Config {
  const { config: filled, filled: keys } = withDemoIdentity(config, Object.keys(flags) as IdentityKey[]);
  if (keys.length > 0) process.stderr.write(`${describeDemoFill(keys, flags)}\n`);
  return filled;
}

function stdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Reading from stdin; end with Ctrl-D.\n");
  return readStdin();
}

function label(config: Config, key: ConfigKey, flag: string, placeholder: string): FieldLabel {
  const source = config.sources[key];
  return {
    flag,
    ...(source && source.kind !== "flag" ? { source: source.label } : {}),
    whenMissing: `pass ${flag} ${placeholder} or set ${CONFIG_VARIABLES[key]}`,
  };
}

/** Human text goes to stdout, or to stderr when stdout carries JSON. */
function humanStream(flags: Output): NodeJS.WriteStream {
  return flags.json ? process.stderr : process.stdout;
}

function print(stream: NodeJS.WriteStream, lines: string[]): void {
  stream.write(`${lines.join("\n")}\n`);
}

/** Parses the load flags, shows the request as `describe` puts it, then sends once (or a load run) and reports. */
async function deliver(
  request: SendRequest,
  describe: (paint: Paint) => string[],
  config: Config,
  flags: LoadFlags & Output,
): Promise<number> {
  const load = loadOptions(flags);
  const out = humanStream(flags);
  const paint: Paint = colorsFor(out);
  print(out, describe(paint));
  const target: SendTarget = { url: config.url, token: config.token, timeoutMs: config.timeoutMs };
  const err = colorsFor(process.stderr);
  if (flags.verbose) {
    target.onFrame = (direction, frame) =>
      process.stderr.write(`${err.dim(`${direction === "sent" ? "»" : "«"} ${JSON.stringify(frame)}`)}\n`);
    target.onReminder = (reminder) => process.stderr.write(`${err.dim(describeReminder(reminder))}\n`);
  }
  // A reply that fits no request is worth a line even without --verbose; load mode counts them.
  if (flags.verbose || !load)
    target.onWarning = (w) => process.stderr.write(`${err.yellow("!")} protocol warning: ${w.message}\n`);
  if (load) return deliverLoad(request, target, load, flags, out, paint);
  const result = await sendOnce(request, target);
  const latency = Math.round(result.latencyMs * 10) / 10;
  if (flags.json) printJson({ request: result.request, reply: result.reply, latency_ms: latency });
  print(out, describeReply(result.reply, result.latencyMs, paint));
  if (flags.verbose && /^send_(sms|email)_response$/.test(result.reply.type))
    process.stderr.write(`${err.dim(AMBIGUOUS_NOTE)}\n`);
  return EXIT.ok;
}

const AMBIGUOUS_NOTE =
  "note: a reminder broadcast for this user would look the same as this reply (same type, same user): the wire cannot tell them apart";

/** One `--verbose` line for a reminder broadcast. */
function describeReminder({ event, ambiguous }: ReminderBroadcast): string {
  const what = `reminder broadcast: ${event.type} to ${event.to} for user ${event.user}`;
  return ambiguous
    ? `${what}: it came while this user's event waited and was taken as its reply (the wire cannot tell them apart)`
    : `${what} (not a reply: ignored)`;
}

/** Load mode: the run, its summary (on Ctrl-C too), and the exit code. */
async function deliverLoad(
  request: SendRequest,
  target: SendTarget,
  load: LoadOptions,
  flags: LoadFlags & Output,
  out: NodeJS.WriteStream,
  paint: Paint,
): Promise<number> {
  const progress = createProgress(process.stderr);
  // Ctrl-C stops sending; the events in flight get their answer and the summary covers them.
  const stop = listenForStop({
    onFirst: (signal) =>
      process.stderr.write(
        `${process.stderr.isTTY ? "\n" : ""}${signal}: sending no more; waiting for the events in flight (again to quit now)\n`,
      ),
  });
  const { summary, firstErrors } = await sendMany(request, target, load, {
    onProgress: (state) => progress.update(state),
    stop: stop.abort,
    reconnect: flags.reconnect === true,
  }).finally(() => stop.dispose());
  progress.finish();
  print(out, describeLoadSummary(summary, paint));
  if (flags.json) printJson(summary);
  if (summary.interrupted) return EXIT.interrupted;
  // The run had connected: a link that went is "lost" (6), whichever way it was noticed.
  if (summary.stopped?.code === "connection_lost") return EXIT.lost;
  const ended = summary.stopped === undefined ? undefined : firstErrors.get(summary.stopped.code);
  if (ended !== undefined) return exitCodeFor(ended);
  // One kind of failure keeps its own exit code (e.g. 5 for timeouts); a mix exits 1.
  const errors = [...firstErrors.values()];
  if (errors.length === 0) return EXIT.ok;
  return errors.length === 1 ? exitCodeFor(errors[0]) : EXIT.failure;
}
