import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { redact } from "../config/mask.js";
import { ValidationError, type XswarmError } from "../protocol/errors.js";
import type { EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import type { LoadOptions } from "../send/inputs.js";
import { runLoad } from "../send/load.js";
import { createProgress } from "../send/progress.js";
import { describeLoadSummary, describeSegments, type Paint } from "../send/report.js";
import { smsSegments } from "../send/segments.js";
import { emailFailure, smsFailure, type WebhookExchange } from "../webhook/exchange.js";
import {
  describeAnswer,
  describeExchange,
  describeSigning,
  describeTrace,
  exchangeJson,
} from "../webhook/report.js";
import { sendEmailWebhook, sendSmsWebhook } from "../webhook/send-webhook.js";
import type { Attachment } from "../webhook/sendgrid.js";
import { type TraceOutcome, type TraceTarget, traced } from "../webhook/trace.js";
import { colorsFor } from "./colors.js";
import { EXIT, exitCodeFor, printJson } from "./shared.js";

/** How a webhook send runs, after the flags are checked. */
export interface WebhookRun {
  url: string;
  timeoutMs: number;
  data: ReadonlyMap<string, string>;
  include?: boolean;
  json?: boolean;
  verbose?: boolean;
  /** `--trace`: the supervisor (or tap) whose traffic feed is followed. */
  trace?: TraceTarget;
  load?: LoadOptions;
}

type Send = () => Promise<WebhookExchange>;
type Failure = (exchange: WebhookExchange) => XswarmError | undefined;

const human = (json: boolean | undefined) => (json ? process.stderr : process.stdout);
const print = (stream: NodeJS.WriteStream, lines: string[]) => stream.write(`${lines.join("\n")}\n`);

/** `send-sms --webhook`: posts the SMS as Twilio would, shows the answer (and the trace); returns the exit code. */
export function smsWebhook(
  input: SmsEventInput,
  run: WebhookRun & { authToken?: { value: string; source: string } },
): Promise<number> {
  const out = human(run.json);
  const paint = colorsFor(out);
  const segments = smsSegments(input.message);
  print(out, [
    `${paint.cyan("→")} ${paint.bold("POST")} ${run.url}  ${paint.dim("Twilio inbound SMS")}  ${input.from} → ${input.to}`,
    `  ${paint.dim(`message: ${describeSegments(segments)}`)}`,
    describeSigning(run.authToken, paint),
  ]);
  const send: Send = () =>
    sendSmsWebhook({
      url: run.url,
      input,
      segments: segments.segments,
      data: run.data,
      timeoutMs: run.timeoutMs,
      ...(run.authToken ? { authToken: run.authToken.value } : {}),
    });
  return finish(run, send, smsFailure, paint, run.authToken?.value);
}

/** `send-email --webhook`: posts the email as SendGrid Inbound Parse would. */
export function emailWebhook(
  input: EmailEventInput,
  run: WebhookRun & {
    cc: readonly string[];
    html?: { value: string; label: string };
    attachments: readonly Attachment[];
  },
): Promise<number> {
  const out = human(run.json);
  const paint = colorsFor(out);
  const files = run.attachments.map((a) => `${a.filename}, ${a.content.byteLength} bytes`);
  print(out, [
    `${paint.cyan("→")} ${paint.bold("POST")} ${run.url}  ${paint.dim("SendGrid Inbound Parse")}  ${input.from} → ${input.to}${run.cc.length ? ` cc ${run.cc.join(", ")}` : ""}`,
    `  ${paint.dim(`subject: ${input.subject} · text ${Array.from(input.body).length} characters · html ${run.html ? `from ${run.html.label}` : "made from the text"}`)}`,
    ...(files.length ? [`  ${paint.dim(`attachments: ${files.join("; ")}`)}`] : []),
  ]);
  const send: Send = () =>
    sendEmailWebhook({
      url: run.url,
      input,
      cc: run.cc,
      attachments: run.attachments,
      data: run.data,
      timeoutMs: run.timeoutMs,
      ...(run.html ? { html: run.html.value } : {}),
    });
  return finish(run, send, emailFailure, paint, undefined);
}

/** Reads `--attach` files (name and bytes); a file that cannot be read is a ValidationError naming it. */
export async function readAttachments(paths: readonly string[]): Promise<Attachment[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return { filename: basename(path), content: new Uint8Array(await readFile(path)) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === "ENOENT"
            ? "no such file"
            : code === "EISDIR"
              ? "is a directory"
              : (error as Error).message;
        throw new ValidationError("--attach", [
          { field: "--attach", message: `--attach: cannot read ${path}: ${why}` },
        ]);
      }
    }),
  );
}

async function finish(
  run: WebhookRun,
  send: Send,
  failure: Failure,
  paint: Paint,
  secret: string | undefined,
): Promise<number> {
  const out = human(run.json);
  if (run.load) return load(run, run.load, send, failure, paint);
  let exchange: WebhookExchange;
  let trace: TraceOutcome | undefined;
  if (run.trace) ({ exchange, trace } = await traced(run.trace, send, describeAnswer));
  else exchange = await send();
  if (run.verbose) {
    // What went over the wire, for --verbose: the headers we set and each field (the token never is one).
    const dim = colorsFor(process.stderr).dim;
    const { headers, fields, files } = exchange.request;
    const lines = [...Object.entries(headers), ...Object.entries(fields)].map(
      ([k, v]) => `» ${k}: ${JSON.stringify(v)}`,
    );
    for (const f of files ?? []) lines.push(`» ${f.field}: ${f.filename} (${f.type}, ${f.size} bytes)`);
    process.stderr.write(`${lines.map((line) => dim(redact(line, secret))).join("\n")}\n`);
  }
  print(out, describeExchange(exchange, paint, { include: run.include }));
  if (trace)
    print(
      out,
      describeTrace(trace, paint).map((line) => redact(line, run.trace?.token)),
    );
  const error = failure(exchange);
  if (run.json) {
    const doc = { ...exchangeJson(exchange), ...(trace ? { trace } : {}) };
    const withError = error
      ? { ...doc, error: { code: error.code, message: error.message, hint: error.hint } }
      : doc;
    // Neither token is in the document; a trace note may quote the supervisor's URL, which may hold one.
    process.stdout.write(`${redact(redact(JSON.stringify(withError), secret), run.trace?.token)}\n`);
  }
  if (!error) return EXIT.ok;
  const c = colorsFor(process.stderr);
  process.stderr.write(`${c.red("✖")} ${error.message}\n`);
  if (error.hint) process.stderr.write(`  ${c.dim(error.hint)}\n`);
  return EXIT.failure;
}

async function load(
  run: WebhookRun,
  options: LoadOptions,
  send: Send,
  failure: Failure,
  paint: Paint,
): Promise<number> {
  const progress = createProgress(process.stderr);
  const { summary, firstErrors } = await runLoad({
    ...options,
    send: async () => {
      const error = failure(await send());
      if (error) throw error;
    },
    onProgress: (state) => progress.update(state),
  });
  progress.finish();
  print(human(run.json), describeLoadSummary(summary, paint));
  if (run.json) printJson(summary);
  const errors = [...firstErrors.values()];
  if (errors.length === 0) return EXIT.ok;
  // One kind of failure keeps its own exit code (3 nothing listens, 5 timeouts); a mix exits 1.
  return errors.length === 1 ? exitCodeFor(errors[0]) : EXIT.failure;
}
