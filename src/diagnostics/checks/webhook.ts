import { randomBytes } from "node:crypto";
import { maskToken, redact } from "../../config/mask.js";
import { formatMs } from "../../send/report.js";
import { smsSegments } from "../../send/segments.js";
import { parseWebhookUrl, TWILIO_TIMEOUT_MS } from "../../webhook/errors.js";
import type { FetchFn } from "../../webhook/http.js";
import { describeVerb } from "../../webhook/report.js";
import { sendSmsWebhook } from "../../webhook/send-webhook.js";
import type { DoctorStep } from "../steps.js";
import type { CheckOutcome, DoctorContext } from "../types.js";
import { checkDns, checkTcp } from "./network.js";

/** What `doctor --webhook` checks: the SMS webhook's URL, signed with this token (when there is one). */
export interface WebhookDoctorOptions {
  url: string;
  authToken?: { value: string; source: string };
  /** Per request; default Twilio's 15 s. */
  timeoutMs?: number;
  fetch?: FetchFn;
}

/** The test SMS the doctor posts: recognisable in the server's logs. */
export const DOCTOR_SMS = {
  from: "+15005550006",
  to: "+15005550001",
  message: "xswarm-dev doctor: webhook signature check",
  user: "xswarm-dev-doctor",
} as const;

const START_HINT =
  "Start the Node.js server (`npx wrangler dev` listens on http://127.0.0.1:8787), or check the --webhook URL.";
const PATH_HINT = "Check the path: the Node.js server takes POST /sms/inbound and /sms/:userId.";
const VALIDATE_HINT =
  "Check X-Twilio-Signature on every request (twilio.validateRequest(authToken, signature, url, params), or twilio.webhook() middleware) and answer 403 when it fails; otherwise anyone can post as Twilio.";

async function post(options: WebhookDoctorOptions, authToken: string | undefined) {
  return sendSmsWebhook({
    url: options.url,
    input: DOCTOR_SMS,
    segments: smsSegments(DOCTOR_SMS.message).segments,
    ...(authToken ? { authToken } : {}),
    timeoutMs: options.timeoutMs ?? TWILIO_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

const failed = (error: unknown): CheckOutcome => ({
  status: "fail",
  detail: (error as Error).message,
  hint: (error as { hint?: string }).hint ?? START_HINT,
});

function refusalCheck(options: WebhookDoctorOptions, what: string, token: () => string | undefined) {
  return async (): Promise<CheckOutcome> => {
    let exchange: Awaited<ReturnType<typeof post>>;
    try {
      exchange = await post(options, token());
    } catch (error) {
      return failed(error);
    }
    const { status, statusText } = exchange.response;
    const answered = `${status}${statusText ? ` ${statusText}` : ""}`;
    if (status === 401 || status === 403)
      return { status: "pass", detail: `${answered}: ${what} is refused` };
    if (status >= 200 && status <= 299)
      return { status: "fail", detail: `${answered}: the webhook accepts ${what}`, hint: VALIDATE_HINT };
    if (status === 404 || status === 405)
      return {
        status: "fail",
        detail: `${answered}: no webhook at this path, so nothing was judged`,
        hint: PATH_HINT,
      };
    return {
      status: "warn",
      detail: `${answered}: ${what} is not accepted, but Twilio's convention is 403`,
      hint: "Answer 403 when the signature does not validate.",
    };
  };
}

/**
 * The steps of `doctor --webhook <url>`: the URL, DNS, TCP, the Twilio auth token, a signed test SMS
 * (2xx with TwiML that parses), then whether an unsigned and a wrongly signed request are refused: a
 * webhook that accepts anything fails with the fix. Run them with runDoctor(options, steps).
 */
export function webhookSteps(options: WebhookDoctorOptions): DoctorStep[] {
  const token = options.authToken;
  const safe = (outcome: CheckOutcome): CheckOutcome => ({
    ...outcome,
    detail: redact(outcome.detail, token?.value),
    ...(outcome.hint ? { hint: redact(outcome.hint, token?.value) } : {}),
  });
  const withHint =
    (check: (ctx: DoctorContext) => Promise<CheckOutcome>, hint: string) => async (ctx: DoctorContext) => {
      const outcome = await check(ctx);
      return outcome.status === "fail" ? { ...outcome, hint } : outcome;
    };
  return [
    {
      id: "webhook_url",
      title: "Webhook URL",
      needs: [],
      run: async (ctx) => {
        try {
          const url = parseWebhookUrl(options.url);
          ctx.url = url;
          ctx.host = url.hostname.replace(/^\[|\]$/g, "");
          ctx.port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
          return {
            status: "pass",
            detail: `${url.protocol.slice(0, -1)}, host ${ctx.host}, port ${ctx.port}, path ${url.pathname}`,
          };
        } catch (error) {
          return failed(error);
        }
      },
    },
    {
      id: "dns",
      title: "DNS",
      needs: ["webhook_url"],
      run: withHint(checkDns, "Check the host name in the --webhook URL."),
    },
    { id: "tcp", title: "TCP", needs: ["dns"], run: withHint(checkTcp, START_HINT) },
    {
      id: "twilio_token",
      title: "Twilio auth token",
      needs: [],
      run: async () =>
        token
          ? { status: "pass", detail: `${maskToken(token.value)} from ${token.source}` }
          : {
              status: "warn",
              detail: "not set: the signed request is skipped",
              hint: "Pass --twilio-auth-token or set TWILIO_AUTH_TOKEN (.env.local) to the server's token.",
            },
    },
    {
      id: "signed_request",
      title: "Signed request",
      needs: ["tcp"],
      run: async () => {
        if (!token) return { status: "skip", detail: "skipped: no Twilio auth token" };
        let exchange: Awaited<ReturnType<typeof post>>;
        try {
          exchange = await post(options, token.value);
        } catch (error) {
          return safe(failed(error));
        }
        const { status, statusText, latencyMs } = exchange.response;
        const answered = `${status}${statusText ? ` ${statusText}` : ""} in ${formatMs(latencyMs)}`;
        if (status === 401 || status === 403)
          return {
            status: "fail",
            detail: `${answered}: a correctly signed request was refused`,
            hint: "The server checks with another auth token, or sees another URL (behind a proxy: the scheme, host or port differ). Sign with the server's TWILIO_AUTH_TOKEN and the URL Twilio is configured with.",
          };
        if (status < 200 || status > 299)
          return {
            status: "fail",
            detail: answered,
            hint:
              status === 404 || status === 405
                ? PATH_HINT
                : "Twilio expects a 2xx with TwiML; check the server's logs.",
          };
        if (exchange.twiml && !exchange.twiml.ok)
          return {
            status: "fail",
            detail: `${answered}, but the TwiML would fail: ${exchange.twiml.errors.join("; ")}`,
            hint: "Answer with <Response><Message>text</Message></Response> (application/xml).",
          };
        const verbs = exchange.twiml?.verbs ?? [];
        return safe({
          status: "pass",
          detail: `${answered}, ${verbs.length === 0 ? "no reply (empty <Response>)" : verbs.map(describeVerb).join(", ")}`,
        });
      },
    },
    {
      id: "unsigned_refused",
      title: "Unsigned refused",
      needs: ["tcp"],
      run: refusalCheck(options, "a request without X-Twilio-Signature", () => undefined),
    },
    {
      id: "bad_signature_refused",
      title: "Wrong signature",
      needs: ["tcp"],
      run: refusalCheck(options, "a request signed with another token", () =>
        randomBytes(16).toString("hex"),
      ),
    },
  ];
}
