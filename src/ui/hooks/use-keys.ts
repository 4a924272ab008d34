import { useInput } from "ink";
import { type Dispatch, useRef } from "react";
import { type KeyCommand, type KeyPress, keyCommand } from "../state/keymap.js";
import { dashboardReducer } from "../state/reducer.js";
import { NO_KEY, splitKeys } from "../state/split-keys.js";
import type { DashboardAction, DashboardState } from "../state/types.js";

/** The effects a key can ask for, performed by the App (sockets, clipboard, editor live there). */
export interface KeyEffects {
  quit(): void;
  reconnect(): void;
  /** Runs a command that is not a state change, given the state it was pressed in. */
  perform(
    command: Exclude<KeyCommand, { kind: "action" | "none" | "quit" | "reconnect" }>,
    state: DashboardState,
  ): void;
}

const PASTE_START = "[200~";
const PASTE_END = "[201~";

/**
 * Routes key presses through the keymap: state changes go to the reducer, the rest to `effects`.
 * A burst is split into its keys, and each is mapped against the state the keys before it left
 * (the reducer is pure, so running it here gives what the next render will show). Text between the
 * terminal's bracketed-paste marks arrives as one paste.
 */
export function useKeys(
  state: DashboardState,
  dispatch: Dispatch<DashboardAction>,
  effects: KeyEffects,
): void {
  const latest = useRef(state);
  latest.current = state;
  const pasting = useRef<string | undefined>(undefined);
  useInput((input, key) => {
    if (input === PASTE_START) {
      pasting.current = "";
      return;
    }
    if (pasting.current !== undefined) {
      if (input !== PASTE_END) {
        pasting.current += key.return ? "\n" : key.tab ? "\t" : input;
        return;
      }
      const text = pasting.current;
      pasting.current = undefined;
      return handle(text, { ...NO_KEY, paste: true });
    }
    for (const stroke of splitKeys(input, key as KeyPress)) handle(stroke.input, stroke.key);
  });

  function handle(input: string, key: KeyPress): void {
    const current = latest.current;
    const command = keyCommand(current, input, key);
    switch (command.kind) {
      case "action":
        latest.current = dashboardReducer(current, command.action);
        dispatch(command.action);
        break;
      case "quit":
        effects.quit();
        break;
      case "reconnect":
        effects.reconnect();
        break;
      case "none":
        break;
      default:
        effects.perform(command, current);
    }
  }
}
