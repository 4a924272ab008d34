import type { ParsedEvent } from "../protocol/frame.js";
import type { TimeoutError } from "./errors.js";
import { notSupervisorError } from "./socket-errors.js";

/**
 * What a server sent before its auth reply that was none (an echo, another protocol), so that a
 * failed handshake can say the server is not a supervisor, and what it sent instead.
 */
export class BeforeAuth {
  private readonly seen: string[] = [];

  constructor(private readonly displayUrl: string) {}

  /** A frame before auth that was no reply (the first three are named). */
  note(parsed: ParsedEvent): void {
    if (this.seen.length >= 3) return;
    if (parsed.kind === "unknown") this.seen.push(`\`${parsed.type}\``);
    else if (parsed.kind === "invalid") this.seen.push(`a frame that is ${parsed.reason}`);
  }

  /** Before auth only auth waits: a reply of another type means this is not a supervisor. */
  wrongReply(parsed: ParsedEvent): Error {
    const type = parsed.kind === "reply" ? parsed.event.type : (parsed as { replyType?: string }).replyType;
    return notSupervisorError(this.displayUrl, `\`${type}\``, "instead of auth_result");
  }

  /** An auth timeout after frames that were no auth reply: the server speaks something else. */
  timedOut(timeout: TimeoutError): Error {
    if (this.seen.length === 0) return timeout;
    return notSupervisorError(
      this.displayUrl,
      this.seen.join(", "),
      `but no auth_result within ${timeout.timeoutMs} ms`,
    );
  }
}
