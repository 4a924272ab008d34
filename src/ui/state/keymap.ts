import type { DashboardAction, DashboardState } from "./types.js";

/** The parts of a key press the dashboard looks at (a subset of Ink's `Key`). */
export interface KeyPress {
  upArrow: boolean;
  downArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
}

/** What a key press asks for: a state change, or an effect the App performs. */
export type KeyCommand =
  | { kind: "action"; action: DashboardAction }
  | { kind: "quit" }
  | { kind: "reconnect" }
  | { kind: "send" }
  | { kind: "none" };

/** Every key, as the help overlay lists it. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ["↑ / ↓, k / j", "select the previous / next event"],
  ["PgUp / PgDn", "scroll a page"],
  ["g / G", "top / bottom (bottom = follow the newest)"],
  ["/", "filter by text or type (Enter keeps, Esc clears)"],
  ["p", "pause / resume (events keep arriving)"],
  ["c", "clear the feed"],
  ["r", "reconnect now"],
  ["s / e", "compose an SMS / an email"],
  ["Tab / Shift-Tab", "next / previous field (in a form)"],
  ["Enter / Esc", "send / cancel (in a form)"],
  ["?", "this help (Esc or ? closes it)"],
  ["q, Ctrl-C", "quit"],
];

const act = (action: DashboardAction): KeyCommand => ({ kind: "action", action });
const NONE: KeyCommand = { kind: "none" };

/** Maps a key press to a command, given which mode the dashboard is in. Pure. */
export function keyCommand(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  if (key.ctrl && input === "c") return { kind: "quit" };
  if (state.composer) return composerKey(state, input, key);
  if (state.filter.editing) return filterKey(input, key);
  if (state.help) {
    if (key.escape || input === "?") return act({ type: "help", open: false });
    return input === "q" ? { kind: "quit" } : NONE;
  }
  return browseKey(state, input, key);
}

function composerKey(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  if (key.escape) return act({ type: "composer/cancel" });
  if (state.composer?.status === "sending") return NONE;
  if (key.return) return { kind: "send" };
  if (key.tab) return act({ type: "composer/focus", delta: key.shift ? -1 : 1 });
  if (key.upArrow || key.downArrow) return act({ type: "composer/focus", delta: key.upArrow ? -1 : 1 });
  if (key.backspace || key.delete) return act({ type: "composer/backspace" });
  return printable(input, key) ? act({ type: "composer/type", text: input }) : NONE;
}

function filterKey(input: string, key: KeyPress): KeyCommand {
  if (key.escape) return act({ type: "filter/cancel" });
  if (key.return) return act({ type: "filter/commit" });
  if (key.backspace || key.delete) return act({ type: "filter/backspace" });
  return printable(input, key) ? act({ type: "filter/type", text: input }) : NONE;
}

function browseKey(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  if (key.upArrow || input === "k") return act({ type: "move", delta: -1 });
  if (key.downArrow || input === "j") return act({ type: "move", delta: 1 });
  if (key.pageUp) return act({ type: "page", direction: -1 });
  if (key.pageDown) return act({ type: "page", direction: 1 });
  if (key.home || input === "g") return act({ type: "top" });
  if (key.end || input === "G") return act({ type: "bottom" });
  if (key.escape) return state.filter.text ? act({ type: "filter/cancel" }) : NONE;
  switch (input) {
    case "/":
      return act({ type: "filter/start" });
    case "p":
      return act({ type: "pause" });
    case "c":
      return act({ type: "clear" });
    case "r":
      return { kind: "reconnect" };
    case "?":
      return act({ type: "help", open: true });
    case "s":
    case "e":
      if (!state.connection)
        return act({
          type: "notice",
          notice: { text: "Sending needs a live supervisor (not a replay).", tone: "error" },
        });
      return act({ type: "composer/open", kind: input === "s" ? "sms" : "email" });
    case "q":
      return { kind: "quit" };
    default:
      return NONE;
  }
}

function printable(input: string, key: KeyPress): boolean {
  if (input.length === 0 || key.ctrl || key.meta || key.tab) return false;
  return Array.from(input).some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f;
  });
}
