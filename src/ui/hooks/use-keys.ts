import { useInput } from "ink";
import { type Dispatch, useRef } from "react";
import type { ComposerState } from "../state/composer.js";
import { keyCommand } from "../state/keymap.js";
import type { DashboardAction, DashboardState } from "../state/types.js";

export interface KeyEffects {
  quit(): void;
  reconnect(): void;
  send(composer: ComposerState): void;
}

/** Routes key presses through the keymap: state changes go to the reducer, the rest to `effects`. */
export function useKeys(
  state: DashboardState,
  dispatch: Dispatch<DashboardAction>,
  effects: KeyEffects,
): void {
  const latest = useRef(state);
  latest.current = state;
  useInput((input, key) => {
    const current = latest.current;
    const command = keyCommand(current, input, key);
    switch (command.kind) {
      case "action":
        return dispatch(command.action);
      case "quit":
        return effects.quit();
      case "reconnect":
        return effects.reconnect();
      case "send":
        return current.composer && effects.send(current.composer);
      case "none":
        return;
    }
  });
}
