import { type FeedEvent, frameOf } from "../state/event-model.js";

/** Quotes a word for a POSIX shell: as it is when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined ? "" : String(v));

/**
 * The `xswarm-dev send-sms` / `send-email` command that sends `request` again to `url`, or undefined
 * for an event that is not an SMS or an email.
 */
export function sendCommand(request: FeedEvent, url: string): string | undefined {
  const f = frameOf(request);
  if (!f) return undefined;
  const common = ["--from", str(f.from), "--to", str(f.to), "--user", str(f.user), "--url", url];
  let words: string[];
  if (request.type === "sms_received") words = ["xswarm-dev", "send-sms", str(f.message), ...common];
  else if (request.type === "email_received")
    words = ["xswarm-dev", "send-email", ...common, "--subject", str(f.subject), "--body", str(f.body)];
  else return undefined;
  return words.map(shellQuote).join(" ");
}

/** The OSC 52 sequence that puts `text` on the terminal's clipboard (works over SSH and in tmux). */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, "utf8").toString("base64")}\u0007`;
}
