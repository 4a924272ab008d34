import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { vi } from "vitest";

/**
 * A private tmux server (its own socket) with one pane of a fixed size: a real pseudo-terminal for
 * end-to-end tests of the dashboard. `kill()` stops the server.
 */
export class TmuxPane {
  readonly socket = `xswarm-test-${process.pid}-${randomBytes(4).toString("hex")}`;
  private socketPath: string | undefined;

  constructor(
    private readonly command: string,
    private readonly size = { columns: 80, rows: 24 },
  ) {}

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }

  start(): void {
    const { columns, rows } = this.size;
    this.tmux("new-session", "-d", "-x", String(columns), "-y", String(rows), this.command);
    this.socketPath = this.variable("socket_path");
  }

  /** The visible screen, as text. */
  capture(): string {
    return this.tmux("capture-pane", "-p", "-t", "0");
  }

  /** A tmux format variable of the pane, e.g. `alternate_on`. */
  variable(name: string): string {
    return this.tmux("display-message", "-p", "-t", "0", `#{${name}}`).trim();
  }

  /** Key names as tmux knows them (`Enter`, `Escape`, `Up`), one per call argument. */
  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "0", ...keys);
  }

  /** Literal text. */
  type(text: string): void {
    this.tmux("send-keys", "-t", "0", "-l", text);
  }

  /** Polls the screen (`vi.waitFor`) until `predicate` holds; fails with the last screen after `timeoutMs`. */
  waitFor(predicate: (screen: string) => boolean, timeoutMs = 8000): Promise<string> {
    return vi.waitFor(
      () => {
        const screen = this.capture();
        if (!predicate(screen)) throw new Error(`The screen never matched. Last screen:\n${screen}`);
        return screen;
      },
      { timeout: timeoutMs, interval: 25 },
    );
  }

  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => (typeof text === "string" ? s.includes(text) : text.test(s)), timeoutMs);
  }

  /** Stops the server and removes its socket file. */
  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // Already gone.
    }
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
