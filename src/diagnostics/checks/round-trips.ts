import type { EmailReceivedMessage, SmsReceivedMessage } from "../../protocol/messages.js";
import type { ParsedEvent } from "../../protocol/parse.js";
import { Probe } from "../probe.js";
import type { CheckOutcome, DoctorContext } from "../types.js";
import { describeReply, ms, noGood } from "./websocket.js";

/** The clearly marked test user of the doctor's events. */
export const DOCTOR_USER = "xswarm-dev-doctor";

/** 555-01xx numbers are reserved for fiction: no real phone gets them. */
export const DOCTOR_SMS: SmsReceivedMessage = {
  type: "sms_received",
  from: "+15555550100",
  to: "+15555550101",
  message: "xswarm-dev doctor: test message, please ignore",
  user: DOCTOR_USER,
};

export const DOCTOR_EMAIL: EmailReceivedMessage = {
  type: "email_received",
  from: "xswarm-dev-doctor@example.com",
  to: "boss@example.com",
  subject: "[xswarm-dev doctor] test email, please ignore",
  body: "Sent by `xswarm-dev doctor` to check the supervisor link. Please ignore.",
  user: DOCTOR_USER,
};

const SECURITY_HINT =
  "Anyone who can reach this port can inject events: before a successful auth the supervisor must answer every message but auth and ping with `Not authenticated` (PROTOCOL.md).";

/** Step 8: on a second, unauthenticated connection, `sms_received` must be refused with `Not authenticated`. */
export async function checkAuthEnforcement(ctx: DoctorContext): Promise<CheckOutcome> {
  const opened = await Probe.open(ctx.url?.href ?? "", ctx.networkTimeoutMs);
  if (!opened.ok)
    return {
      status: "fail",
      detail: `could not open a second connection (${opened.kind === "http" ? `HTTP ${opened.status}` : opened.kind})`,
      hint: "The supervisor should accept several connections at once.",
    };
  try {
    const result = await opened.probe.request(DOCTOR_SMS, ctx.protocolTimeoutMs);
    if (!result.ok)
      return {
        status: "warn",
        detail: `an unauthenticated sms_received got no refusal (${result.reason === "closed" ? "the connection closed" : `no reply within ${ctx.protocolTimeoutMs} ms`})`,
        hint: "The supervisor should answer `Not authenticated` before auth (PROTOCOL.md).",
      };
    const reply = result.reply;
    if (reply.kind === "reply" && reply.event.type === "error") {
      if (reply.event.message === "Not authenticated")
        return { status: "pass", detail: "an unauthenticated sms_received was refused: Not authenticated" };
      return {
        status: "warn",
        detail: `an unauthenticated sms_received was refused, but with \`${reply.event.message}\` instead of \`Not authenticated\``,
        hint: "The Rust supervisor answers `Not authenticated`; a client may rely on that wording.",
      };
    }
    return {
      status: "fail",
      detail: `SECURITY: the supervisor accepted sms_received without auth (it answered ${describeReply(reply)})`,
      hint: SECURITY_HINT,
    };
  } finally {
    await opened.probe.close();
  }
}

/** Step 9: an `sms_received` from the test user gets a reply that fits the protocol. */
export function checkSmsRoundTrip(ctx: DoctorContext): Promise<CheckOutcome> {
  return roundTrip(ctx, DOCTOR_SMS, "sms");
}

/** Step 10: an `email_received` from the test user gets a reply that fits the protocol. */
export function checkEmailRoundTrip(ctx: DoctorContext): Promise<CheckOutcome> {
  return roundTrip(ctx, DOCTOR_EMAIL, "email");
}

async function roundTrip(
  ctx: DoctorContext,
  message: SmsReceivedMessage | EmailReceivedMessage,
  kind: "sms" | "email",
): Promise<CheckOutcome> {
  const result = await ctx.probe?.request(message, ctx.eventTimeoutMs);
  if (!result?.ok) {
    const outcome = noGood({ ...ctx, protocolTimeoutMs: ctx.eventTimeoutMs }, result, "a reply");
    return {
      ...outcome,
      hint: "The supervisor is up but did not answer: check its logs (tail -f logs/supervisor.log), or raise --timeout.",
    };
  }
  const finding = judge(result.reply, kind);
  if (finding.ok) return { status: "pass", detail: `${finding.detail} in ${ms(result.ms)}` };
  return { status: "fail", detail: finding.detail, hint: finding.hint };
}

type Judgement = { ok: true; detail: string } | { ok: false; detail: string; hint: string };

/** Whether a reply is a valid answer to an SMS or email event. Exported for tests. */
export function judge(reply: ParsedEvent, kind: "sms" | "email"): Judgement {
  const schemaHint = "The reply must fit PROTOCOL.md; is the server on this port an xswarm supervisor?";
  if (reply.kind !== "reply")
    return {
      ok: false,
      detail: `the reply is ${describeReply(reply)}`,
      hint: schemaHint,
    };
  const event = reply.event;
  if (event.type === "error")
    return {
      ok: false,
      detail: `Supervisor error: ${event.message}`,
      hint: "The supervisor refused the test event; check its logs (tail -f logs/supervisor.log).",
    };
  if (event.type === "message_acknowledged") {
    if (event.message_type !== kind)
      return {
        ok: false,
        detail: `acknowledged as \`${event.message_type}\`, not \`${kind}\``,
        hint: schemaHint,
      };
    return { ok: true, detail: `message_acknowledged (${kind}, user ${event.user}, ${event.timestamp})` };
  }
  if (kind === "sms" && event.type === "send_sms_response")
    return { ok: true, detail: `send_sms_response to ${event.to}: "${clip(event.message)}"` };
  if (kind === "email" && event.type === "send_email_response")
    return { ok: true, detail: `send_email_response to ${event.to}, subject "${clip(event.subject)}"` };
  return {
    ok: false,
    detail: `expected a reply to ${kind}_received, got ${describeReply(reply)}`,
    hint: schemaHint,
  };
}

function clip(text: string, max = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
