import { type Dispatch, useCallback } from "react";
import { sendCommand } from "../format/command.js";
import { openComposer, validateComposer } from "../state/composer.js";
import { entryOf } from "../state/event-model.js";
import { currentEvent, prefillOf, requestOf } from "../state/selection.js";
import type { DashboardAction, DashboardState } from "../state/types.js";
import type { KeyEffects } from "./use-keys.js";
import type { Sender } from "./use-send.js";

export interface EventActionIo {
  /** Puts text on the clipboard (OSC 52 on the terminal). */
  copy(text: string): void;
  /** Opens `text` in $EDITOR; resolves with what was saved. */
  editText?(text: string): Promise<string>;
}

/** The effects of the keys that are not state changes: send, $EDITOR, copy and resend. */
export function useEventActions(
  url: string,
  sender: Sender,
  io: EventActionIo,
  dispatch: Dispatch<DashboardAction>,
): KeyEffects["perform"] {
  return useCallback(
    (command, state: DashboardState) => {
      const notice = (text: string, tone: "info" | "error" = "info") =>
        dispatch({ type: "notice", notice: { text, tone } });
      switch (command.kind) {
        case "send":
          return state.composer && sender.form(state.composer);
        case "editor": {
          const edit = io.editText;
          if (!edit || !state.composer) return notice("No $EDITOR here.", "error");
          edit(state.composer.values.body ?? "").then(
            (text) => dispatch({ type: "composer/body", text: text.replace(/\n$/, "") }),
            (error: Error) => notice(`$EDITOR failed: ${error.message}`, "error"),
          );
          return;
        }
        case "copy": {
          const event = currentEvent(state);
          if (!event) return notice("Select an event first (↑/↓).", "error");
          if (command.as === "json") {
            io.copy(JSON.stringify(entryOf(event), null, 2));
            return notice(`Copied #${event.seq} as JSON`);
          }
          const request = requestOf(event, state.events);
          const line = request && sendCommand(request, url);
          if (!line)
            return notice("Only an SMS or an email (or a reply to one) has a send command.", "error");
          io.copy(line);
          return notice(`Copied the command that sends #${request.seq} again`);
        }
        case "resend": {
          const event = currentEvent(state);
          const request = event && requestOf(event, state.events);
          const prefill = request && prefillOf(request);
          if (!request || !prefill)
            return notice("Only an SMS or an email (or a reply to one) can be sent again.", "error");
          const checked = validateComposer(openComposer(prefill.kind, state.memory, prefill.values));
          if (!checked.ok)
            return notice(
              `#${request.seq} cannot be sent again: ${Object.values(checked.errors).join("; ")}`,
              "error",
            );
          return sender.again(checked.request, `#${request.seq}`);
        }
      }
    },
    [url, sender, io, dispatch],
  );
}
