import { describe, expect, it } from "vitest";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { formatTrace, matchTrace, type WebhookWindow } from "../../src/webhook/trace-match.js";

const T0 = Date.parse("2026-01-15T10:30:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

const WINDOW: WebhookWindow = {
  event: "sms_received",
  label: "POST /sms/inbound",
  from: "+15551234567",
  to: "+15557654321",
  text: "Hello boss",
  sentAt: T0,
  answeredAt: T0 + 20,
  answer: '200 <Message> "Hi"',
};

const sms = (
  seq: number,
  ms: number,
  fields: Partial<Record<string, string>> = {},
  connection = "c2",
): TrafficEntry => ({
  seq,
  connection_id: connection,
  direction: "in",
  time: at(ms),
  frame: {
    type: "sms_received",
    from: WINDOW.from,
    to: WINDOW.to,
    message: WINDOW.text,
    user: "alice",
    ...fields,
  },
});
const reply = (
  seq: number,
  replyTo: number,
  ms: number,
  latency: number,
  connection = "c2",
): TrafficEntry => ({
  seq,
  connection_id: connection,
  direction: "out",
  time: at(ms),
  frame: { type: "send_sms_response", to: WINDOW.from, message: "Hi", user: "alice" },
  reply_to: replyTo,
  latency_ms: latency,
});

describe("matchTrace", () => {
  it("gives the four hops of one request with the time spent in each", () => {
    const trace = matchTrace(WINDOW, [sms(7, 4), reply(8, 7, 10, 6)]);
    expect(trace).toEqual({
      matched: true,
      event_seq: 7,
      reply_seq: 8,
      total_ms: 20,
      hops: [
        { name: "webhook_request", label: "POST /sms/inbound", at: T0, ms: 0 },
        { name: "supervisor_event", label: "sms_received (c2)", at: T0 + 4, ms: 4 },
        { name: "supervisor_reply", label: "send_sms_response", at: T0 + 10, ms: 6 },
        { name: "webhook_answer", label: '200 <Message> "Hi"', at: T0 + 20, ms: 10 },
      ],
    });
    expect(formatTrace(trace)).toBe(
      'POST /sms/inbound ─4 ms→ sms_received (c2) ─6 ms→ send_sms_response ─10 ms→ 200 <Message> "Hi"  (total 20 ms)',
    );
  });

  it("ignores other texts, other numbers, other types and events outside the window", () => {
    const others = [
      sms(1, -500),
      sms(2, 3, { message: "Hello boss!" }),
      sms(3, 3, { from: "+15550000000" }),
      sms(4, 3, { to: "+15550000000" }),
      {
        ...sms(5, 3),
        frame: { type: "email_received", from: WINDOW.from, to: WINDOW.to, subject: WINDOW.text },
      },
      { ...sms(6, 3), direction: "out" as const },
      sms(9, 500),
    ];
    const none = matchTrace(WINDOW, others);
    expect(none.matched).toBe(false);
    expect(none.hops.map((h) => h.name)).toEqual(["webhook_request", "webhook_answer"]);
    expect(none.note).toContain("no sms_received from +15551234567 to +15557654321");
    expect(matchTrace(WINDOW, [...others, sms(10, 5, {}, "c9"), reply(11, 10, 8, 3, "c9")]).event_seq).toBe(
      10,
    );
  });

  it("pairs the reply by seq and connection, and says when the supervisor did not reply", () => {
    const partial = matchTrace(WINDOW, [sms(7, 4), reply(8, 7, 10, 6, "c3"), reply(9, 6, 10, 6)]);
    expect(partial.matched).toBe(true);
    expect(partial.hops.map((h) => h.name)).toEqual([
      "webhook_request",
      "supervisor_event",
      "webhook_answer",
    ]);
    expect(partial.note).toContain("did not reply");
  });

  it("never shows a negative hop when the millisecond times round past the window", () => {
    const trace = matchTrace({ ...WINDOW, sentAt: T0 + 0.6, answeredAt: T0 + 2.2 }, [
      sms(7, 0),
      reply(8, 7, 2, 1.9),
    ]);
    for (const hop of trace.hops) expect(hop.ms).toBeGreaterThanOrEqual(0);
    expect(trace.hops.at(-1)?.at).toBe(T0 + 2.2);
  });

  it("matches an email by subject, from and to", () => {
    const email: WebhookWindow = { ...WINDOW, event: "email_received", text: "Status" };
    const entry: TrafficEntry = {
      ...sms(3, 2),
      frame: {
        type: "email_received",
        from: WINDOW.from,
        to: WINDOW.to,
        subject: "Status",
        body: "x",
        user: "bob",
      },
    };
    expect(matchTrace(email, [entry]).event_seq).toBe(3);
  });
});
