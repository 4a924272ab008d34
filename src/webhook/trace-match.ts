import type { TrafficEntry } from "../protocol/events.js";

/** One webhook request as the sender saw it: what it carried and when it went out and came back (epoch ms). */
export interface WebhookWindow {
  /** `sms_received` for a Twilio POST, `email_received` for a SendGrid one. */
  event: "sms_received" | "email_received";
  /** The path and method, as the first hop shows it, e.g. `POST /sms/inbound`. */
  label: string;
  from: string;
  to: string;
  /** The SMS text, or the email's subject. */
  text: string;
  sentAt: number;
  answeredAt: number;
  /** How the answer reads at the end of the line, e.g. `200 · <Message> "Hi"`. */
  answer: string;
}

/** A hop of the trace: what was seen, when, and the milliseconds since the previous hop. */
export interface TraceHop {
  name: "webhook_request" | "supervisor_event" | "supervisor_reply" | "webhook_answer";
  label: string;
  /** Epoch ms. */
  at: number;
  /** Time since the previous hop (0 for the first); never negative. */
  ms: number;
}

/** The request's hops across HTTP and the supervisor link, or why no supervisor traffic was matched. */
export interface TraceResult {
  matched: boolean;
  hops: TraceHop[];
  /** First hop to last, in ms. */
  total_ms: number;
  /** The supervisor's `seq` of the matched event and its reply, for a dashboard to highlight. */
  event_seq?: number;
  reply_seq?: number;
  /** Why the supervisor hops are missing or partial, e.g. no match in the window. */
  note?: string;
}

/** Allowance for clocks and the millisecond resolution of entry times. */
export const TRACE_SLACK_MS = 5;

const round = (ms: number) => Math.max(0, Math.round(ms * 10) / 10);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Whether a traffic entry is the event this webhook request caused (text, from and to equal). */
export function isEventOf(window: WebhookWindow, entry: TrafficEntry): boolean {
  const f = entry.frame;
  if (entry.direction !== "in" || !f || f.type !== window.event) return false;
  const text = window.event === "sms_received" ? str(f.message) : str(f.subject);
  return text === window.text && str(f.from) === window.from && str(f.to) === window.to;
}

/**
 * Follows one webhook request across both hops: finds, in a supervisor's traffic feed, the event it
 * caused (matched by text, from and to, seen within the request's time window) and that event's
 * reply, and returns the four hops with the time spent in each. When several events match, the
 * earliest in the window is taken. Pure: `entries` may hold anything else too.
 */
export function matchTrace(window: WebhookWindow, entries: readonly TrafficEntry[]): TraceResult {
  const first: TraceHop = { name: "webhook_request", label: window.label, at: window.sentAt, ms: 0 };
  const last = (previous: number): TraceHop => ({
    name: "webhook_answer",
    label: window.answer,
    at: window.answeredAt,
    ms: round(window.answeredAt - previous),
  });
  const total_ms = round(window.answeredAt - window.sentAt);
  const inWindow = (e: TrafficEntry) => {
    const at = Date.parse(e.time);
    return at >= window.sentAt - TRACE_SLACK_MS && at <= window.answeredAt + TRACE_SLACK_MS;
  };
  const event = entries.find((e) => isEventOf(window, e) && inWindow(e));
  if (!event)
    return {
      matched: false,
      hops: [first, last(window.sentAt)],
      total_ms,
      note: `no ${window.event} from ${window.from} to ${window.to} with this ${window.event === "sms_received" ? "text" : "subject"} reached the supervisor while the request was open`,
    };
  // The entry's time has millisecond resolution: keep the hops in order whatever the rounding did.
  const eventAt = Math.min(Math.max(Date.parse(event.time), window.sentAt), window.answeredAt);
  const second: TraceHop = {
    name: "supervisor_event",
    label: `${window.event} (${event.connection_id})`,
    at: eventAt,
    ms: round(eventAt - window.sentAt),
  };
  const reply = entries.find(
    (e) => e.direction === "out" && e.reply_to === event.seq && e.connection_id === event.connection_id,
  );
  if (!reply)
    return {
      matched: true,
      hops: [first, second, last(eventAt)],
      total_ms,
      event_seq: event.seq,
      note: "the supervisor did not reply while the request was open (the server may have answered without it)",
    };
  const replyAt = Math.min(
    eventAt + (reply.latency_ms ?? Date.parse(reply.time) - eventAt),
    window.answeredAt,
  );
  const type = str(reply.frame?.type) ?? "reply";
  const third: TraceHop = {
    name: "supervisor_reply",
    label: type,
    at: replyAt,
    ms: round(reply.latency_ms ?? replyAt - eventAt),
  };
  return {
    matched: true,
    hops: [first, second, third, last(replyAt)],
    total_ms,
    event_seq: event.seq,
    reply_seq: reply.seq,
  };
}

/** The trace as one line: `POST /sms/inbound ─1.2 ms→ sms_received (c1) ─0.3 ms→ ... (total 2.5 ms)`. */
export function formatTrace(trace: TraceResult): string {
  const line = trace.hops.map((hop, i) => (i === 0 ? hop.label : `─${hop.ms} ms→ ${hop.label}`)).join(" ");
  return `${line}  (total ${trace.total_ms} ms)`;
}
