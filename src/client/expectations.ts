/**
 * Which replies answer which request, as PROTOCOL.md lists them. `error` answers any request and
 * always rejects with SupervisorError; any other reply type outside `types` is a protocol error
 * (the order has slipped or the server is not a supervisor).
 */
export interface Expectation {
  /** The request type, for error messages. */
  readonly request: string;
  /** Reply types that resolve the request; `undefined` accepts any reply. */
  readonly types: ReadonlySet<string> | undefined;
  /** For `message_acknowledged`: the `message_type` it must carry. */
  readonly messageType?: "sms" | "email";
  /** What a timeout is reported as. */
  readonly phase: "request" | "auth" | "ping";
}

const expect = (
  request: string,
  types: string[],
  extra: Partial<Pick<Expectation, "messageType" | "phase">> = {},
): Expectation => ({ request, types: new Set(types), phase: "request", ...extra });

export const AUTH_EXPECTATION = expect("auth", ["auth_result"], { phase: "auth" });
export const PING_EXPECTATION = expect("ping", ["pong"], { phase: "ping" });

export const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  auth: AUTH_EXPECTATION,
  ping: PING_EXPECTATION,
  sms_received: expect("sms_received", ["message_acknowledged", "send_sms_response"], {
    messageType: "sms",
  }),
  email_received: expect("email_received", ["message_acknowledged", "send_email_response"], {
    messageType: "email",
  }),
  inject_suggestion: expect("inject_suggestion", ["suggestion_applied", "suggestion_rejected"]),
  synthesize_text: expect("synthesize_text", ["synthesis_complete", "synthesis_failed"]),
  claude_code_connect: expect("claude_code_connect", ["claude_code_connected"]),
  claude_code_message: expect("claude_code_message", ["claude_code_response"]),
  claude_code_disconnect: expect("claude_code_disconnect", ["claude_code_disconnected"]),
  schedule_appointment: expect("schedule_appointment", ["appointment_scheduled"]),
  schedule_reminder: expect("schedule_reminder", ["reminder_created"]),
  get_calendar: expect("get_calendar", ["calendar_retrieved"]),
  monitor: expect("monitor", ["monitor_started"]),
};

/** The expectation of a request type; a type not listed accepts any reply. */
export function expectationFor(type: string): Expectation {
  return EXPECTATIONS[type] ?? { request: type, types: undefined, phase: "request" };
}

/** The fields of a reply that decide whether it fits a request. */
export interface ReplyShape {
  type: string;
  message_type?: unknown;
  user?: unknown;
}

/** Reply types that echo the request's `user`: a reply of these types for another user is not its reply. */
const ECHOES_USER: ReadonlySet<string> = new Set([
  "message_acknowledged",
  "send_sms_response",
  "send_email_response",
]);

/**
 * Why `reply` does not answer a request expecting `expectation` (sent for `user`, when it names one),
 * or undefined when it does. `error` answers any request.
 */
export function mismatch(expectation: Expectation, reply: ReplyShape, user?: string): string | undefined {
  const type = reply.type;
  if (type === "error") return undefined;
  const { types, messageType } = expectation;
  if (types !== undefined && !types.has(type)) {
    return `expected ${[...types].join(" or ")} in reply to ${expectation.request}, got ${type}`;
  }
  // A frame with bad fields may lack them: then only its type can decide. The cheap comparisons come
  // first: this runs for every reply.
  const { message_type, user: echoed } = reply;
  if (
    messageType !== undefined &&
    message_type !== undefined &&
    message_type !== messageType &&
    type === "message_acknowledged"
  ) {
    return `expected message_type ${messageType} in reply to ${expectation.request}, got ${String(message_type)}`;
  }
  if (user !== undefined && echoed !== undefined && echoed !== user && ECHOES_USER.has(type)) {
    return `expected user ${JSON.stringify(user)} in reply to ${expectation.request}, got ${JSON.stringify(echoed)}`;
  }
  return undefined;
}
