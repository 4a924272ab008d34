import { describe, expect, it } from "vitest";
import {
  describeEmailRequest,
  describeLoadSummary,
  describeReply,
  describeSegments,
  describeSmsRequest,
  formatMs,
  type Paint,
} from "../../src/send/report.js";
import { smsSegments } from "../../src/send/segments.js";

const plain: Paint = {
  bold: (s) => s,
  dim: (s) => s,
  green: (s) => s,
  red: (s) => s,
  yellow: (s) => s,
  cyan: (s) => s,
};
const marked: Paint = { ...plain, bold: (s) => `*${s}*`, red: (s) => `!${s}!` };

describe("report", () => {
  it("formats ms with one decimal below 100", () => {
    expect([formatMs(3.1234), formatMs(99.94), formatMs(250.4)]).toEqual(["3.1 ms", "99.9 ms", "250 ms"]);
  });

  it("says what an SMS costs", () => {
    expect(describeSegments(smsSegments("a".repeat(200)))).toBe(
      "200 characters · 2 SMS segments (GSM-7, 200 units, 153 a segment)",
    );
    expect(describeSegments(smsSegments("😀"))).toBe("1 character · 1 SMS segment (UCS-2, 2 of 70 units)");
  });

  it("describes the requests", () => {
    const sms = { from: "+15551234567", to: "+15557654321", message: "hi", user: "al" };
    expect(describeSmsRequest(sms, smsSegments("hi"), marked)[0]).toBe(
      "→ *sms_received*  +15551234567 → +15557654321  user al",
    );
    const email = { from: "a@x.io", to: "b@x.io", subject: "S", body: "héllo", user: "u" };
    expect(describeEmailRequest(email, plain)).toEqual([
      "→ email_received  a@x.io → b@x.io  user u",
      "  subject: S · body 5 characters",
    ]);
  });

  it("shows an acknowledgement field by field", () => {
    const lines = describeReply(
      { type: "message_acknowledged", message_type: "sms", user: "al", timestamp: "2025-01-15T10:30:00Z" },
      3.21,
      plain,
    );
    expect(lines).toEqual([
      "✔ message_acknowledged",
      "  type       sms",
      "  user       al",
      "  timestamp  2025-01-15T10:30:00Z",
      "  round trip 3.2 ms",
    ]);
  });

  it("shows an email response with its subject and indented body, trailing blank lines dropped", () => {
    const lines = describeReply(
      { type: "send_email_response", to: "a@x.io", subject: "Re: S", body: "one\ntwo\n\n", user: "u" },
      12,
      plain,
    );
    expect(lines).toEqual([
      "✔ send_email_response to a@x.io (user u) in 12 ms",
      "  subject    Re: S",
      "  body",
      "    one\n    two",
    ]);
  });

  it("shows an unexpected reply raw", () => {
    expect(describeReply({ type: "wat", x: 1 }, 1, plain)).toEqual([
      "✔ wat in 1 ms",
      '  {"type":"wat","x":1}',
    ]);
  });

  it("summarises a load run, errors by count", () => {
    const lines = describeLoadSummary(
      {
        count: 10,
        sent: 10,
        ok: 7,
        failed: 3,
        errors: { timeout: 1, supervisor_error: 2 },
        protocol_warnings: 0,
        throughput_per_s: 50,
        latency_ms: { p50: 1, p95: 2, p99: 3, max: 4 },
      },
      marked,
    );
    expect(lines).toEqual([
      "!✖! *7/10 ok*, 3 failed",
      "  throughput       50/s",
      "  latency          p50 1 ms · p95 2 ms · p99 3 ms · max 4 ms",
      "  !supervisor_error !2",
      "  !timeout          !1",
    ]);
  });

  it("lines up long error codes, and says where and why a run stopped", () => {
    const lines = describeLoadSummary(
      {
        count: 4000,
        sent: 272,
        ok: 270,
        failed: 2,
        errors: { connection_lost: 2 },
        protocol_warnings: 1,
        throughput_per_s: 900,
        latency_ms: { p50: 1, p95: 2, p99: 3, max: 4 },
        stopped: { code: "connection_lost", message: "Connection to the supervisor was lost: code 1006" },
      },
      plain,
    );
    expect(lines).toEqual([
      "✖ 270/272 ok, 2 failed",
      "  throughput        900/s",
      "  latency           p50 1 ms · p95 2 ms · p99 3 ms · max 4 ms",
      "  protocol warnings 1",
      "  connection_lost   2",
      "■ stopped at the first lost connection: 272 of 4000 events sent",
      "  Connection to the supervisor was lost: code 1006",
      "  Pass --reconnect to wait for the supervisor to come back and go on.",
    ]);
  });
});
