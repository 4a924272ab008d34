import type { SmsEventInput } from "../protocol/messages.js";
import { type RandomBytes, twilioSid } from "./sid.js";

/** The Twilio REST API version its webhooks name. */
export const TWILIO_API_VERSION = "2010-04-01";

// Twilio fills FromCountry/ToCountry from the number; city, state and zip stay empty for most numbers.
function countryOf(phone: string): string {
  if (phone.startsWith("+1")) return "US";
  if (phone.startsWith("+44")) return "GB";
  if (phone.startsWith("+49")) return "DE";
  if (phone.startsWith("+33")) return "FR";
  return "";
}

export interface SmsFormOptions {
  /** Segments of the text (`NumSegments`). */
  segments: number;
  /** `-d Key=Value` overrides, applied last (a new key is added). */
  data?: ReadonlyMap<string, string>;
  random?: RandomBytes;
}

/**
 * The form Twilio posts to a Messaging webhook for an inbound SMS, in the order Twilio sends the
 * fields: fresh `SM`/`AC`/`MG` SIDs, `SmsSid`/`SmsMessageSid` equal to `MessageSid`, the numbers as
 * given (E.164), `NumMedia=0`, `SmsStatus=received`, and the overrides last.
 */
export function twilioSmsForm(input: SmsEventInput, options: SmsFormOptions): Record<string, string> {
  const random = options.random;
  const messageSid = twilioSid("SM", random);
  const form: Record<string, string> = {
    ToCountry: countryOf(input.to),
    ToState: "",
    SmsMessageSid: messageSid,
    NumMedia: "0",
    ToCity: "",
    FromZip: "",
    SmsSid: messageSid,
    FromState: "",
    SmsStatus: "received",
    FromCity: "",
    Body: input.message,
    FromCountry: countryOf(input.from),
    To: input.to,
    MessagingServiceSid: twilioSid("MG", random),
    ToZip: "",
    NumSegments: String(options.segments),
    MessageSid: messageSid,
    AccountSid: twilioSid("AC", random),
    From: input.from,
    ApiVersion: TWILIO_API_VERSION,
  };
  for (const [key, value] of options.data ?? []) form[key] = value;
  return form;
}
