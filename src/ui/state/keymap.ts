import { isMultiline } from "./composer.js";
import type { EditOp } from "./line-editor.js";
import type { DashboardAction, DashboardState } from "./types.js";

/** The parts of a key press the dashboard looks at (a subset of Ink's `Key`). */
export interface KeyPress {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
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
  /** Text that came as one bracketed paste: typed as it is, line breaks and all. */
  paste?: boolean;
}

/** What a key press asks for: a state change, or an effect the App performs. */
export type KeyCommand =
  | { kind: "action"; action: DashboardAction }
  | { kind: "quit" }
  | { kind: "reconnect" }
  | { kind: "send" }
  /** Ctrl-O in the email form: edit the body in $EDITOR. */
  | { kind: "editor" }
  /** `y` / `Y` on the selected event: to the clipboard as JSON or as the command that sends it again. */
  | { kind: "copy"; as: "json" | "command" }
  /** `R`: send the selected SMS or email again. */
  | { kind: "resend" }
  | { kind: "none" };

/** Every key, as the help overlay and docs/watch.md list it. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ["↑ / ↓, k / j", "select the previous / next event"],
  ["PgUp PgDn, g G", "a page up / down; top / bottom (G follows the newest)"],
  ["Enter", "the selected event in full (↑/↓ scroll, Esc or q back)"],
  ["y / Y", "copy the event as JSON / as the command that sends it"],
  ["R / E", "send the event again / edit it in the form first"],
  ["C", "connections: clients, auth, frames in / out, age"],
  ["/", "filter by text or type (Enter keeps, Esc clears)"],
  ["p / c", "pause or resume (events keep arriving) / clear the feed"],
  ["r", "reconnect now (a replay starts over)"],
  ["s / e", "compose an SMS / an email"],
  ["Tab, Shift-Tab", "next / previous field (in a form; ↑/↓ too)"],
  ["Enter / Esc", "send / cancel (in a form)"],
  ["Enter, Ctrl-S", "new line / send (in an email body); Ctrl-O $EDITOR"],
  ["← → Home End", "move the cursor (Ctrl-A / Ctrl-E: line start / end)"],
  ["Alt-← →, Alt-b f", "move by word"],
  ["Ctrl-U / K / W", "delete to the line start / to the end / a word back"],
  ["? / q, Ctrl-C", "this help (Esc or ? closes it) / quit"],
];

const act = (action: DashboardAction): KeyCommand => ({ kind: "action", action });
const edit = (op: EditOp): KeyCommand => act({ type: "composer/edit", op });
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
  if (state.full) return fullKey(state, input, key);
  if (state.connectionsPane) {
    if (key.escape || input === "C" || input === "q") return act({ type: "connections", open: false });
    return NONE;
  }
  return browseKey(state, input, key);
}

/** Line-editor keys of a form field; undefined for keys that are not editing. */
function editKey(input: string, key: KeyPress): EditOp | undefined {
  const word = key.meta || key.ctrl;
  if (key.leftArrow) return { kind: word ? "wordLeft" : "left" };
  if (key.rightArrow) return { kind: word ? "wordRight" : "right" };
  if (key.home) return { kind: "home" };
  if (key.end) return { kind: "end" };
  if (key.backspace || key.delete) return { kind: key.meta ? "killWordBack" : "backspace" };
  if (key.meta && input === "b") return { kind: "wordLeft" };
  if (key.meta && input === "f") return { kind: "wordRight" };
  if (!key.ctrl) return undefined;
  const ctrl: Record<string, EditOp["kind"]> = {
    a: "home",
    e: "end",
    b: "left",
    f: "right",
    d: "delete",
    u: "killToStart",
    k: "killToEnd",
    w: "killWordBack",
  };
  const kind = ctrl[input];
  return kind ? ({ kind } as EditOp) : undefined;
}

function composerKey(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  const composer = state.composer;
  if (!composer) return NONE;
  if (key.escape) return act({ type: "composer/cancel" });
  if (composer.status === "sending") return NONE;
  if (key.paste) return act({ type: "composer/type", text: input });
  if (key.ctrl && input === "s") return { kind: "send" };
  if (key.ctrl && input === "o") return composer.kind === "email" ? { kind: "editor" } : NONE;
  if (key.return) return isMultiline(composer) ? edit({ kind: "insert", text: "\n" }) : { kind: "send" };
  if (key.tab) return act({ type: "composer/focus", delta: key.shift ? -1 : 1 });
  if (key.upArrow || key.downArrow) return act({ type: "composer/focus", delta: key.upArrow ? -1 : 1 });
  const op = editKey(input, key);
  if (op) return edit(op);
  return printable(input, key) ? act({ type: "composer/type", text: input }) : NONE;
}

function filterKey(input: string, key: KeyPress): KeyCommand {
  if (key.escape) return act({ type: "filter/cancel" });
  if (key.return) return act({ type: "filter/commit" });
  if (key.backspace || key.delete) return act({ type: "filter/backspace" });
  return printable(input, key) ? act({ type: "filter/type", text: input }) : NONE;
}

function fullKey(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  if (key.escape || input === "q") return act({ type: "full", open: false });
  if (key.upArrow || input === "k") return act({ type: "full/scroll", delta: -1 });
  if (key.downArrow || input === "j") return act({ type: "full/scroll", delta: 1 });
  if (key.pageUp) return act({ type: "full/scroll", delta: -state.pageSize });
  if (key.pageDown || input === " ") return act({ type: "full/scroll", delta: state.pageSize });
  if (key.home || input === "g") return act({ type: "full/scroll", delta: Number.NEGATIVE_INFINITY });
  if (key.end || input === "G") return act({ type: "full/scroll", delta: Number.POSITIVE_INFINITY });
  return eventKey(state, input) ?? NONE;
}

/** The keys that act on the selected event, in the feed and in the full view. */
function eventKey(state: DashboardState, input: string): KeyCommand | undefined {
  switch (input) {
    case "y":
      return { kind: "copy", as: "json" };
    case "Y":
      return { kind: "copy", as: "command" };
    case "R":
      return state.connection ? { kind: "resend" } : needsLive();
    case "E":
      return state.connection ? act({ type: "composer/from-event" }) : needsLive();
    default:
      return undefined;
  }
}

const needsLive = (): KeyCommand =>
  act({
    type: "notice",
    notice: { text: "Sending needs a live supervisor (not a replay).", tone: "error" },
  });

function browseKey(state: DashboardState, input: string, key: KeyPress): KeyCommand {
  if (key.upArrow || input === "k") return act({ type: "move", delta: -1 });
  if (key.downArrow || input === "j") return act({ type: "move", delta: 1 });
  if (key.pageUp) return act({ type: "page", direction: -1 });
  if (key.pageDown) return act({ type: "page", direction: 1 });
  if (key.home || input === "g") return act({ type: "top" });
  if (key.end || input === "G") return act({ type: "bottom" });
  if (key.return) return act({ type: "full", open: true });
  // The notice first, as the topmost thing shown (it would clear itself in a few seconds), then a kept filter.
  if (key.escape) {
    if (state.notice) return act({ type: "notice", notice: undefined });
    return state.filter.text ? act({ type: "filter/cancel" }) : NONE;
  }
  const onEvent = eventKey(state, input);
  if (onEvent) return onEvent;
  switch (input) {
    case "/":
      return act({ type: "filter/start" });
    case "p":
      return act({ type: "pause" });
    case "c":
      return act({ type: "clear" });
    case "C":
      return act({ type: "connections", open: true });
    case "r":
      return { kind: "reconnect" };
    case "?":
      return act({ type: "help", open: true });
    case "s":
    case "e":
      if (!state.connection) return needsLive();
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
