import type { MessageAcknowledgedEvent } from "../../protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../../protocol/messages.js";
import { rfc3339, rfc3339At } from "../time.js";
import type { Responder } from "../types.js";

/** `message_acknowledged` for an SMS or email, as the Rust supervisor answers ordinary users today. */
export function acknowledge(
  message: SmsReceivedMessage | EmailReceivedMessage,
  now?: Date,
): MessageAcknowledgedEvent {
  return {
    type: "message_acknowledged",
    message_type: message.type === "sms_received" ? "sms" : "email",
    user: message.user,
    // No Date object for the current time: one is made only when the millisecond changes.
    timestamp: now ? rfc3339(now) : rfc3339At(Date.now()),
  };
}

/** The `ack` responder: acknowledges every SMS and email. */
export function createAckResponder(options: { now?: () => Date } = {}): Responder {
  const { now } = options;
  const respondSync = (message: SmsReceivedMessage | EmailReceivedMessage) => acknowledge(message, now?.());
  return { name: "ack", respond: async (message) => respondSync(message), respondSync };
}
