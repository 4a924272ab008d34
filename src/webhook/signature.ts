import { createHmac } from "node:crypto";

/**
 * Twilio's `X-Twilio-Signature` of a form POST: base64 HMAC-SHA1, keyed with the auth token, over the
 * full URL followed by each parameter's name and value, the names in code-unit order (as Twilio sorts
 * them). A repeated name contributes each of its values, sorted.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string | readonly string[]>>,
): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = typeof value === "string" ? [value] : [...(value ?? [])].sort();
    for (const v of values) data += name + v;
  }
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}
