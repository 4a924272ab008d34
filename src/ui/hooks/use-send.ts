import { type Dispatch, useCallback, useEffect, useRef } from "react";
import type { SupervisorClient } from "../../client/supervisor-client.js";
import { formatMs } from "../format/line.js";
import { type ComposerState, type ValidatedRequest, validateComposer } from "../state/composer.js";
import type { DashboardAction } from "../state/types.js";

async function sendRequest(client: SupervisorClient, request: ValidatedRequest): Promise<string> {
  const reply =
    request.kind === "sms"
      ? await client.sendSmsEvent(request.input)
      : await client.sendEmailEvent(request.input);
  return reply.type;
}

/**
 * Validates the composer's form and sends it through the client: inline errors when invalid (nothing
 * is sent), else `sending` then `sent` (the form closes) or `failed` (the form stays, with the reason).
 */
export function useSend(
  client: SupervisorClient | undefined,
  dispatch: Dispatch<DashboardAction>,
): (composer: ComposerState) => void {
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  return useCallback(
    (composer: ComposerState) => {
      const checked = validateComposer(composer);
      if (!checked.ok) return dispatch({ type: "composer/invalid", errors: checked.errors });
      if (!client)
        return dispatch({ type: "composer/failed", message: "No supervisor connection to send with." });
      dispatch({ type: "composer/sending" });
      const started = performance.now();
      const what = checked.request.kind === "sms" ? "SMS" : "Email";
      sendRequest(client, checked.request).then(
        (replyType) => {
          if (!live.current) return;
          const notice = `${what} sent as ${checked.request.input.user}: ${replyType} in ${formatMs(performance.now() - started)}`;
          dispatch({ type: "composer/sent", request: checked.request, notice });
        },
        (error: unknown) => {
          if (!live.current) return;
          dispatch({
            type: "composer/failed",
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
    },
    [client, dispatch],
  );
}
