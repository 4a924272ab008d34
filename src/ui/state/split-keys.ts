import type { KeyPress } from "./keymap.js";

const NAMED: readonly (keyof KeyPress)[] = [
  "upArrow",
  "downArrow",
  "leftArrow",
  "rightArrow",
  "pageUp",
  "pageDown",
  "home",
  "end",
  "return",
  "escape",
  "tab",
  "backspace",
  "delete",
];

/** A key press with nothing pressed. */
export const NO_KEY: KeyPress = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

export interface Keystroke {
  input: string;
  key: KeyPress;
}

/** One character of a burst as the key it stands for. */
function keystrokeOf(ch: string): Keystroke {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === "\r" || ch === "\n") return { input: "", key: { ...NO_KEY, return: true } };
  if (ch === "\t") return { input: "", key: { ...NO_KEY, tab: true } };
  if (ch === "\u007f" || ch === "\b") return { input: "", key: { ...NO_KEY, backspace: true } };
  if (ch === "\u001b") return { input: "", key: { ...NO_KEY, escape: true, meta: true } };
  if (code < 0x20) return { input: String.fromCharCode(code + 0x60), key: { ...NO_KEY, ctrl: true } };
  return { input: ch, key: { ...NO_KEY, shift: /^[A-Z]$/.test(ch) } };
}

/**
 * Splits what the terminal delivered in one read into keypresses, in order. Ink hands a burst of
 * plain keys (three Backspaces, two Tabs, `jjj`, typed text) over as one string that names no key;
 * each of them must act. A single key, or one Ink recognised, is returned as it is.
 */
export function splitKeys(input: string, key: KeyPress): Keystroke[] {
  if (NAMED.some((name) => key[name] === true) || key.ctrl || key.paste) return [{ input, key }];
  const chars = Array.from(input);
  if (chars.length <= 1) return [{ input, key }];
  if (key.meta) return [{ input, key }];
  return chars.map(keystrokeOf);
}
