import { TWILIO_TIMEOUT_MS } from "../../webhook/errors.js";
import { option } from "./define.js";
import { eventField, flag, httpUrl, keyValues, path, text, texts } from "./values.js";

// The options of send-sms/send-email --webhook (docs/webhooks.md). They mean something only with
// --webhook: the flow refuses them without it.

const data = option({
  flags: "-d, --data <key=value>",
  description: "webhook: set or add a form field, e.g. -d FromCity=Berlin (repeatable)",
  schema: keyValues(),
  repeatable: true,
});

const include = option({
  flags: "--include",
  description: "webhook: show the response headers",
  schema: flag(),
  default: false,
});

const trace = option({
  flags: "--trace",
  description: "webhook: follow the request through the supervisor's traffic feed at --url (embedded or tap)",
  schema: flag(),
  default: false,
});

/** `send-sms --webhook`: as Twilio posts an inbound SMS. */
export const SMS_WEBHOOK_OPTIONS = {
  webhook: option({
    flags: "--webhook <url>",
    description: `POST the SMS to this webhook as Twilio would (form fields, X-Twilio-Signature; timeout ${TWILIO_TIMEOUT_MS} ms), not to the supervisor`,
    schema: httpUrl(),
  }),
  data,
  twilioAuthToken: option({
    flags: "--twilio-auth-token <token>",
    description: "webhook: sign with this Twilio auth token",
    schema: text(),
    defaultText: "TWILIO_AUTH_TOKEN, or .env.local / .env",
  }),
  include,
  trace,
} as const;

/** `send-email --webhook`: as SendGrid Inbound Parse posts an email. */
export const EMAIL_WEBHOOK_OPTIONS = {
  webhook: option({
    flags: "--webhook <url>",
    description:
      "POST the email to this webhook as SendGrid Inbound Parse would (multipart/form-data), not to the supervisor",
    schema: httpUrl(),
  }),
  data,
  cc: option({
    flags: "--cc <address>",
    description: "webhook: a Cc address (repeatable)",
    schema: texts(),
    repeatable: true,
  }),
  html: option({
    flags: "--html <html>",
    description: "webhook: the html part; - reads stdin",
    schema: eventField(),
    defaultText: "made from the body",
  }),
  htmlFile: option({
    flags: "--html-file <path>",
    description: "webhook: read the html part from this file",
    schema: path(),
  }),
  attach: option({
    flags: "--attach <file>",
    description: "webhook: attach this file as attachment1, attachment2, ... (repeatable)",
    schema: texts(),
    repeatable: true,
  }),
  include,
  trace,
} as const;

/** `doctor --webhook`. */
export const DOCTOR_WEBHOOK_OPTIONS = {
  webhook: option({
    flags: "--webhook <url>",
    description:
      "check the Node.js server's SMS webhook instead: reachable, signed request taken, unsigned refused",
    schema: httpUrl(),
  }),
  twilioAuthToken: SMS_WEBHOOK_OPTIONS.twilioAuthToken,
} as const;
