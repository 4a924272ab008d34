import { execFileSync } from "node:child_process";
import { BIN, tempDir } from "../helpers/run-cli.js";
import { TmuxPane } from "../helpers/tmux.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The CLI these tmux tests drive; XSWARM_WATCH_BIN points them at another build (an older one, to see a test fail). */
export const WATCH_BIN = process.env.XSWARM_WATCH_BIN ?? BIN;

/**
 * A tmux pane running `xswarm-dev watch <args>` in a clean environment (no CI variables, under which
 * Ink draws nothing live; no SUPERVISOR_* leaking in), `extraEnv` added.
 */
export function watchPane(
  args: string,
  size = { columns: 80, rows: 24 },
  extraEnv: Record<string, string> = {},
): TmuxPane {
  const cwd = tempDir();
  const vars = Object.entries({
    PATH: process.env.PATH ?? "",
    HOME: cwd,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    ...extraEnv,
  })
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join(" ");
  const watch = `env -i ${vars} ${quote(process.execPath)} ${quote(WATCH_BIN)} watch ${args}`;
  return new TmuxPane(`sh -c ${quote(`cd ${quote(cwd)}; ${watch}; echo "EXITED $?"; exec sleep 600`)}`, size);
}

/** Runs a tmux command on the pane's private server. */
export function tmux(pane: TmuxPane, ...args: string[]): string {
  return execFileSync("tmux", ["-L", pane.socket, ...args], { encoding: "utf8" });
}

/** The screen with its colours and attributes as escape sequences. */
export function captureWithAttributes(pane: TmuxPane): string {
  return tmux(pane, "capture-pane", "-p", "-e", "-t", "0");
}

/** The URL the embedded supervisor of the pane listens on, once it is ready. */
export async function readyUrl(pane: TmuxPane): Promise<string> {
  const screen = await pane.waitForText(/ws:\/\/127\.0\.0\.1:\d+ ● ready/, 15_000);
  return /ws:\/\/127\.0\.0\.1:\d+/.exec(screen)?.[0] ?? "";
}
