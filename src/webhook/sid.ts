import { randomBytes } from "node:crypto";

/** Random bytes; injectable so tests get fixed SIDs. */
export type RandomBytes = (size: number) => Buffer;

/** A Twilio SID: a two-letter prefix (`SM`, `AC`, `MG`) and 32 lowercase hex digits. */
export function twilioSid(prefix: string, random: RandomBytes = randomBytes): string {
  return `${prefix}${random(16).toString("hex")}`;
}

/** True for a SID of `prefix` as Twilio writes them. */
export function isTwilioSid(value: string, prefix: string): boolean {
  return new RegExp(`^${prefix}[0-9a-f]{32}$`).test(value);
}
