import { maskToken } from "../config/mask.js";
import type { Paint } from "../send/report.js";
import { formatMs } from "../send/report.js";
import type { WebhookExchange } from "./exchange.js";
import type { TraceOutcome } from "./trace.js";
import { formatTrace } from "./trace-match.js";
import type { TwimlVerb } from "./twiml.js";

/** Longest part of a non-TwiML body shown on the terminal. */
const BODY_PREVIEW = 500;

/** The line that says whether (and with which token, masked) the request is signed. */
export function describeSigning(token: { value: string; source: string } | undefined, paint: Paint): string {
  return token
    ? `  ${paint.dim(`signed with X-Twilio-Signature (Twilio auth token ${maskToken(token.value)} from ${token.source})`)}`
    : `  ${paint.yellow("unsigned:")} ${paint.dim("no Twilio auth token (--twilio-auth-token, TWILIO_AUTH_TOKEN); a server that checks signatures answers 403")}`;
}

/** `<Message> "Hi there"`, `<Redirect> /next (method POST)`, `<Message> "Hi" + 1 media`. */
export function describeVerb(verb: TwimlVerb): string {
  const attributes = Object.entries(verb.attributes)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const text = verb.verb === "Message" ? JSON.stringify(verb.text) : verb.text;
  const media = verb.media ? ` + ${verb.media.length} media (${verb.media.join(", ")})` : "";
  return `<${verb.verb}> ${text}${media}${attributes ? ` (${attributes})` : ""}`;
}

/** How the answer ends a trace line: `200 <Message> "Hi"`, `403`. */
export function describeAnswer(exchange: WebhookExchange): string {
  const first = exchange.twiml?.verbs[0];
  const status = String(exchange.response.status);
  if (exchange.twiml === undefined) return status;
  return first ? `${status} ${describeVerb(first)}` : `${status} <Response/>`;
}

/** The lines that show the answer: status and time, headers with `include`, then the TwiML read or the body. */
export function describeExchange(
  exchange: WebhookExchange,
  paint: Paint,
  options: { include?: boolean } = {},
): string[] {
  const { response, twiml } = exchange;
  const ok = response.status >= 200 && response.status <= 299 && (twiml === undefined || twiml.ok);
  const mark = ok ? paint.green("✔") : paint.red("✖");
  const type = response.headers["content-type"];
  const lines = [
    `${mark} ${paint.bold(`${response.status}${response.statusText ? ` ${response.statusText}` : ""}`)} in ${formatMs(response.latencyMs)}${type ? paint.dim(`  (${type})`) : ""}`,
  ];
  if (options.include)
    for (const [name, value] of Object.entries(response.headers))
      lines.push(`  ${paint.dim(`${name}:`)} ${value}`);
  const is2xx = response.status >= 200 && response.status <= 299;
  if (twiml && is2xx && twiml.ok) {
    if (twiml.verbs.length === 0) lines.push(`  ${paint.dim("TwiML: no reply (empty <Response>)")}`);
    for (const verb of twiml.verbs) lines.push(`  ${describeVerb(verb)}`);
  } else if (response.body.trim() !== "") {
    const body = response.body.trim();
    const shown = body.length > BODY_PREVIEW ? `${body.slice(0, BODY_PREVIEW)}…` : body;
    lines.push(...shown.split(/\r?\n/).map((line) => `  ${paint.dim("│")} ${line}`));
  }
  if (response.truncated) lines.push(`  ${paint.dim("(body cut at 1 MiB)")}`);
  return lines;
}

/** The trace as its lines: the hops on one line, and a note when something was not matched. */
export function describeTrace(trace: TraceOutcome, paint: Paint): string[] {
  if (trace.source === null) return [`${paint.yellow("trace:")} ${trace.note}`];
  const lines = [`${paint.cyan("trace")} ${paint.dim(`(${trace.source})`)} ${formatTrace(trace)}`];
  if (trace.note) lines.push(`  ${paint.yellow(trace.matched ? "partial:" : "no match:")} ${trace.note}`);
  return lines;
}

/** The `--json` document of an exchange: `{request, response: {status, headers, body, twiml}, latency_ms}`. */
export function exchangeJson(exchange: WebhookExchange): Record<string, unknown> {
  const { request, response, twiml } = exchange;
  return {
    request,
    response: {
      status: response.status,
      headers: response.headers,
      body: response.body,
      twiml: twiml ?? null,
    },
    latency_ms: Math.round(response.latencyMs * 10) / 10,
  };
}
