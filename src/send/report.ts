import type { EmailEventInput, SmsEventInput } from "../protocol/messages.js";
import type { LoadSummary } from "./load.js";
import type { SmsSegments } from "./segments.js";

/** The colours the report uses; a chalk instance fits, and so does an identity for plain text. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** `3.1 ms`, `250 ms`. */
export function formatMs(ms: number): string {
  return `${ms < 100 ? Math.round(ms * 10) / 10 : Math.round(ms)} ms`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What an SMS would cost: `11 characters · 1 SMS segment (GSM-7, 11 of 160 units)`. */
export function describeSegments(s: SmsSegments): string {
  const fit =
    s.segments <= 1 ? `${s.units} of ${s.perSegment} units` : `${s.units} units, ${s.perSegment} a segment`;
  return `${plural(s.characters, "character")} · ${plural(s.segments, "SMS segment")} (${s.encoding}, ${fit})`;
}

/** The lines that say what is about to be sent. */
export function describeSmsRequest(input: SmsEventInput, segments: SmsSegments, paint: Paint): string[] {
  return [
    `${paint.cyan("→")} ${paint.bold("sms_received")}  ${input.from} → ${input.to}  user ${input.user}`,
    `  ${paint.dim(`message: ${describeSegments(segments)}`)}`,
  ];
}

export function describeEmailRequest(input: EmailEventInput, paint: Paint): string[] {
  return [
    `${paint.cyan("→")} ${paint.bold("email_received")}  ${input.from} → ${input.to}  user ${input.user}`,
    `  ${paint.dim(`subject: ${input.subject} · body ${plural(Array.from(input.body).length, "character")}`)}`,
  ];
}

const indent = (text: string, by = "    ") =>
  text
    .replace(/\s+$/, "")
    .split(/\r?\n/)
    .map((line) => `${by}${line}`)
    .join("\n");

/** The lines that show a reply: an acknowledgement, an SMS or email response, or anything else raw. */
export function describeReply(
  reply: { type: string; [key: string]: unknown },
  latencyMs: number,
  paint: Paint,
): string[] {
  const ok = paint.green("✔");
  const field = (name: string, value: unknown) => `  ${paint.dim(name.padEnd(11))}${String(value)}`;
  switch (reply.type) {
    case "message_acknowledged":
      return [
        `${ok} ${paint.bold("message_acknowledged")}`,
        field("type", reply.message_type),
        field("user", reply.user),
        field("timestamp", reply.timestamp),
        field("round trip", formatMs(latencyMs)),
      ];
    case "send_sms_response":
      return [
        `${ok} ${paint.bold("send_sms_response")} to ${String(reply.to)} (user ${String(reply.user)}) in ${formatMs(latencyMs)}`,
        indent(String(reply.message), "  "),
      ];
    case "send_email_response":
      return [
        `${ok} ${paint.bold("send_email_response")} to ${String(reply.to)} (user ${String(reply.user)}) in ${formatMs(latencyMs)}`,
        field("subject", reply.subject),
        `  ${paint.dim("body")}`,
        indent(String(reply.body)),
      ];
    default:
      return [`${ok} ${paint.bold(reply.type)} in ${formatMs(latencyMs)}`, `  ${JSON.stringify(reply)}`];
  }
}

/** The summary of a load run, for a terminal: a headline, then a table whose values line up. */
export function describeLoadSummary(summary: LoadSummary, paint: Paint): string[] {
  const mark = summary.failed === 0 && summary.stopped === undefined ? paint.green("✔") : paint.red("✖");
  const { p50, p95, p99, max } = summary.latency_ms;
  const latency =
    p50 === null || p95 === null || p99 === null || max === null
      ? "no replies"
      : `p50 ${formatMs(p50)} · p95 ${formatMs(p95)} · p99 ${formatMs(p99)} · max ${formatMs(max)}`;
  const rows: [string, string, (text: string) => string][] = [
    ["throughput", `${summary.throughput_per_s}/s`, paint.dim],
    ["latency", latency, paint.dim],
  ];
  if (summary.protocol_warnings > 0)
    rows.push(["protocol warnings", String(summary.protocol_warnings), paint.yellow]);
  for (const [code, n] of Object.entries(summary.errors).sort((a, b) => b[1] - a[1]))
    rows.push([code, String(n), paint.red]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const lines = [`${mark} ${paint.bold(`${summary.ok}/${summary.sent} ok`)}, ${summary.failed} failed`];
  for (const [label, value, colour] of rows) lines.push(`  ${colour(label.padEnd(width))}${value}`);
  const stop = summary.stopped;
  const of = `${summary.sent} of ${summary.count} events sent`;
  if (summary.interrupted) lines.push(`${paint.yellow("■")} interrupted: ${of}`);
  if (stop !== undefined) {
    if (stop.code === "connection_lost" || stop.code === "not_connected") {
      lines.push(`${paint.red("■")} stopped at the first lost connection: ${of}`);
      lines.push(`  ${paint.dim(stop.message)}`);
      lines.push(`  ${paint.dim("Pass --reconnect to wait for the supervisor to come back and go on.")}`);
    } else lines.push(`${paint.red("■")} stopped: ${of}`, `  ${paint.dim(stop.message)}`);
  }
  return lines;
}
