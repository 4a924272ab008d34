import { describe, expect, it } from "vitest";
import { DEMO_MEMORY } from "../../../src/ui/state/composer.js";
import { KEY_HELP, type KeyPress, keyCommand } from "../../../src/ui/state/keymap.js";
import { dashboardReducer, initialState } from "../../../src/ui/state/reducer.js";
import { NO_KEY } from "../../../src/ui/state/split-keys.js";
import type { DashboardAction, DashboardState } from "../../../src/ui/state/types.js";

const key = (k: Partial<KeyPress> = {}) => ({ ...NO_KEY, ...k });
const live = () =>
  initialState({
    source: { kind: "embedded", label: "e" },
    connection: { status: "ready" },
    memory: DEMO_MEMORY,
  });
const apply = (state: DashboardState, ...actions: DashboardAction[]) =>
  actions.reduce(dashboardReducer, state);
const actionOf = (state: DashboardState, input: string, k?: Partial<KeyPress>) => {
  const command = keyCommand(state, input, key(k));
  return command.kind === "action" ? command.action : command.kind;
};

describe("keys while browsing", () => {
  it.each([
    ["k", {}, { type: "move", delta: -1 }],
    ["", { upArrow: true }, { type: "move", delta: -1 }],
    ["j", {}, { type: "move", delta: 1 }],
    ["", { downArrow: true }, { type: "move", delta: 1 }],
    ["", { pageUp: true }, { type: "page", direction: -1 }],
    ["", { pageDown: true }, { type: "page", direction: 1 }],
    ["g", {}, { type: "top" }],
    ["G", { shift: true }, { type: "bottom" }],
    ["/", {}, { type: "filter/start" }],
    ["p", {}, { type: "pause" }],
    ["c", {}, { type: "clear" }],
    ["?", {}, { type: "help", open: true }],
    ["s", {}, { type: "composer/open", kind: "sms" }],
    ["e", {}, { type: "composer/open", kind: "email" }],
  ] as const)("%s %o", (input, k, expected) => {
    expect(actionOf(live(), input, k)).toEqual(expected);
  });

  it("r reconnects, q and Ctrl-C quit, other keys do nothing", () => {
    expect(actionOf(live(), "r")).toBe("reconnect");
    expect(actionOf(live(), "q")).toBe("quit");
    expect(actionOf(live(), "c", { ctrl: true })).toBe("quit");
    expect(actionOf(live(), "x")).toBe("none");
  });

  it("Esc clears an active filter", () => {
    const state = apply(live(), { type: "filter/type", text: "sms" }, { type: "filter/commit" });
    expect(actionOf(state, "", { escape: true })).toEqual({ type: "filter/cancel" });
    expect(actionOf(live(), "", { escape: true })).toBe("none");
  });

  it("Esc dismisses the notice first, then clears a kept filter", () => {
    const notice = { text: "SMS sent as demo: message_acknowledged in 3 ms", tone: "info" } as const;
    const filtered = apply(live(), { type: "filter/type", text: "sms" }, { type: "filter/commit" });
    const both = apply(filtered, { type: "notice", notice });
    expect(actionOf(both, "", { escape: true })).toEqual({ type: "notice", notice: undefined });
    const dismissed = apply(both, { type: "notice", notice: undefined });
    expect(actionOf(dismissed, "", { escape: true })).toEqual({ type: "filter/cancel" });
  });

  it("refuses to compose in a replay (no connection)", () => {
    const replay = initialState({ source: { kind: "replay", label: "replay" } });
    expect(actionOf(replay, "s")).toMatchObject({ type: "notice", notice: { tone: "error" } });
  });
});

describe("keys in a form", () => {
  const form = () => apply(live(), { type: "composer/open", kind: "sms" });

  it("types letters (q included), moves with Tab/Shift-Tab and arrows, sends on Enter, cancels on Esc", () => {
    expect(actionOf(form(), "q")).toEqual({ type: "composer/type", text: "q" });
    expect(actionOf(form(), "", { tab: true })).toEqual({ type: "composer/focus", delta: 1 });
    expect(actionOf(form(), "", { tab: true, shift: true })).toEqual({ type: "composer/focus", delta: -1 });
    expect(actionOf(form(), "", { upArrow: true })).toEqual({ type: "composer/focus", delta: -1 });
    expect(actionOf(form(), "", { delete: true })).toEqual({
      type: "composer/edit",
      op: { kind: "backspace" },
    });
    expect(actionOf(form(), "\r", { return: true })).toBe("send");
    expect(actionOf(form(), "", { escape: true })).toEqual({ type: "composer/cancel" });
    expect(actionOf(form(), "c", { ctrl: true })).toBe("quit");
  });

  it("ignores keys other than Esc while sending", () => {
    const sending = apply(form(), { type: "composer/sending" });
    expect(actionOf(sending, "a")).toBe("none");
    expect(actionOf(sending, "\r", { return: true })).toBe("none");
    expect(actionOf(sending, "", { escape: true })).toEqual({ type: "composer/cancel" });
  });
});

describe("keys in the filter and the help", () => {
  it("types the filter, Enter keeps it, Esc clears it", () => {
    const state = apply(live(), { type: "filter/start" });
    expect(actionOf(state, "p")).toEqual({ type: "filter/type", text: "p" });
    expect(actionOf(state, "\r", { return: true })).toEqual({ type: "filter/commit" });
    expect(actionOf(state, "", { escape: true })).toEqual({ type: "filter/cancel" });
    expect(actionOf(state, "", { backspace: true })).toEqual({ type: "filter/backspace" });
  });

  it("closes the help with ? or Esc, quits with q, ignores the rest", () => {
    const state = apply(live(), { type: "help", open: true });
    expect(actionOf(state, "?")).toEqual({ type: "help", open: false });
    expect(actionOf(state, "", { escape: true })).toEqual({ type: "help", open: false });
    expect(actionOf(state, "q")).toBe("quit");
    expect(actionOf(state, "j")).toBe("none");
  });

  it("lists every key of the issue's table in the help", () => {
    const keys = KEY_HELP.map(([k]) => k).join(" ");
    for (const k of [
      "↑",
      "↓",
      "j",
      "k",
      "PgUp",
      "PgDn",
      "g",
      "G",
      "/",
      "p",
      "c",
      "r",
      "?",
      "q",
      "Ctrl-C",
      "s",
      "e",
    ])
      expect(keys).toContain(k);
  });
});

describe("the line editor's keys in a form", () => {
  const form = () => apply(live(), { type: "composer/open", kind: "email" });
  const op = (input: string, k: Partial<KeyPress> = {}) => {
    const command = keyCommand(form(), input, key(k));
    return command.kind === "action" && command.action.type === "composer/edit"
      ? command.action.op.kind
      : command.kind;
  };

  it.each([
    ["", { leftArrow: true }, "left"],
    ["", { rightArrow: true }, "right"],
    ["", { leftArrow: true, meta: true }, "wordLeft"],
    ["", { rightArrow: true, ctrl: true }, "wordRight"],
    ["b", { meta: true }, "wordLeft"],
    ["f", { meta: true }, "wordRight"],
    ["", { home: true }, "home"],
    ["", { end: true }, "end"],
    ["a", { ctrl: true }, "home"],
    ["e", { ctrl: true }, "end"],
    ["d", { ctrl: true }, "delete"],
    ["u", { ctrl: true }, "killToStart"],
    ["k", { ctrl: true }, "killToEnd"],
    ["w", { ctrl: true }, "killWordBack"],
    ["", { backspace: true, meta: true }, "killWordBack"],
    ["s", { ctrl: true }, "send"],
    ["o", { ctrl: true }, "editor"],
  ])("%s %o is %s", (input, k, expected) => {
    expect(op(input, k)).toBe(expected);
  });

  it("Enter adds a line in the body and sends elsewhere", () => {
    const inBody = apply(form(), { type: "composer/focus", delta: 1 });
    expect(inBody.composer?.focus).toBe(4);
    const command = keyCommand(inBody, "", key({ return: true }));
    expect(command).toEqual({
      kind: "action",
      action: { type: "composer/edit", op: { kind: "insert", text: "\n" } },
    });
    expect(keyCommand(form(), "", key({ return: true }))).toEqual({ kind: "send" });
  });
});

describe("keys in the full view", () => {
  const full = () => {
    const state = apply(live(), {
      type: "events",
      entries: [
        {
          seq: 1,
          connection_id: "c1",
          direction: "in",
          time: "2025-01-15T10:30:00Z",
          frame: { type: "ping" },
        },
      ],
    });
    return apply(
      { ...state, filter: { text: "ping", editing: false } },
      { type: "full", open: true },
      { type: "full/max", max: 30 },
    );
  };

  it("opens on Enter, scrolls, and goes back on Esc or q", () => {
    expect(full().full).toMatchObject({ scroll: 0, max: 30 });
    expect(actionOf(full(), "j")).toEqual({ type: "full/scroll", delta: 1 });
    expect(actionOf(full(), "", { pageDown: true })).toEqual({ type: "full/scroll", delta: full().pageSize });
    expect(apply(full(), { type: "full/scroll", delta: Number.POSITIVE_INFINITY }).full?.scroll).toBe(30);
    expect(apply(full(), { type: "full/scroll", delta: -5 }).full?.scroll).toBe(0);
    expect(actionOf(full(), "", { escape: true })).toEqual({ type: "full", open: false });
    expect(actionOf(full(), "q")).toEqual({ type: "full", open: false });
    expect(actionOf(full(), "y")).toBe("copy");
  });
});
