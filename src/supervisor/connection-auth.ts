import { CLOSE } from "./hardening.js";
import type { Logger } from "./log.js";
import { LogTally } from "./log-tally.js";
import { AUTH_FAILED, AUTH_OK } from "./replies.js";

type Json = Record<string, unknown>;

/** With `--allow-remote`, this many failed auths in a row close the connection (1008). */
export const MAX_FAILED_AUTHS = 10;

/** What a connection's auth needs from its server. */
export interface AuthContext {
  log: Logger;
  checkToken: (candidate: string) => boolean;
  authTimeoutMs: number;
  /** Reachable from other machines: a run of failed auths closes the connection. */
  allowRemote: boolean;
}

/**
 * One connection's auth state, kept as PROTOCOL.md describes the Rust flag: every `auth` overwrites
 * it, so a failed one de-authenticates a connection that was authenticated. Also the deadline for a
 * first auth, and the count of failures in a row that ends a guessing connection.
 */
export class ConnectionAuth {
  authenticated = false;
  everAuthenticated = false;
  private failedInRow = 0;
  // Made on first use: thousands of connections that authenticate once never need it.
  private failures: LogTally | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `close` ends the connection whose first auth does not come in time. */
  constructor(
    private readonly id: string,
    private readonly ctx: AuthContext,
    close: (code: number, reason: string) => void,
  ) {
    if (ctx.authTimeoutMs === 0) return;
    this.timer = setTimeout(() => {
      ctx.log.warn("closing a connection that did not authenticate in time", {
        connection: id,
        timeout_ms: ctx.authTimeoutMs,
      });
      close(CLOSE.authTimeout, "Authentication timeout");
    }, ctx.authTimeoutMs);
    this.timer.unref();
  }

  /** Checks `token` and returns the reply; `onFirst` runs on the connection's first success. */
  check(token: string, onFirst: () => void): Json {
    this.authenticated = this.ctx.checkToken(token);
    if (!this.authenticated) {
      // Answered every time, as Rust does; logged once per burst, summed up every few seconds.
      this.failures ??= failedAuthTally(this.ctx.log, this.id);
      this.failures.hit();
      this.failedInRow += 1;
      return AUTH_FAILED;
    }
    this.failedInRow = 0;
    if (!this.everAuthenticated) {
      this.everAuthenticated = true;
      this.clearTimer();
      onFirst();
      this.ctx.log.info("client authenticated", { connection: this.id });
    }
    return AUTH_OK;
  }

  /** A reachable server does not let one connection guess tokens forever (a documented difference from Rust). */
  get guessing(): boolean {
    return this.ctx.allowRemote && this.failedInRow >= MAX_FAILED_AUTHS;
  }

  get failedInARow(): number {
    return this.failedInRow;
  }

  clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The connection is gone: the deadline is off, and the failures not yet logged are. */
  dispose(): void {
    this.clearTimer();
    this.failures?.flush();
  }
}

function failedAuthTally(log: Logger, id: string): LogTally {
  return new LogTally(
    log,
    (n, seconds) => ({
      msg: `${n} failed auths on ${id} in the last ${seconds} s`,
      fields: { connection: id },
    }),
    { first: { msg: "authentication failed", fields: { connection: id } } },
  );
}
