import { type Dispatch, useCallback, useEffect, useMemo, useRef } from "react";
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

export interface Sender {
  /** Validates the form and sends it: inline errors when invalid, else `sending`, then `sent` or `failed`. */
  form(composer: ComposerState): void;
  /** Sends an event again as it was (`R`); the outcome is a notice. */
  again(request: ValidatedRequest, label: string): void;
}

/**
 * Sends what the composer holds, or an event again, through the source's client. Outcomes go to
 * `report` (the traffic batch): the notice then shows in the frame that shows the request and its
 * reply, not one frame before them.
 */
export function useSend(
  client: SupervisorClient | undefined,
  dispatch: Dispatch<DashboardAction>,
  report: Dispatch<DashboardAction> = dispatch,
): Sender {
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const form = useCallback(
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
          report({ type: "composer/sent", request: checked.request, notice });
        },
        (error: unknown) => {
          if (!live.current) return;
          report({
            type: "composer/failed",
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
    },
    [client, dispatch, report],
  );
  const again = useCallback(
    (request: ValidatedRequest, label: string) => {
      const notice = (text: string, tone: "info" | "error") =>
        dispatch({ type: "notice", notice: { text, tone } });
      const outcome = (text: string, tone: "info" | "error") =>
        report({ type: "notice", notice: { text, tone } });
      if (!client) return notice("No supervisor connection to send with.", "error");
      const started = performance.now();
      notice(`Sending ${label} again…`, "info");
      sendRequest(client, request).then(
        (replyType) =>
          live.current &&
          outcome(`${label} sent again: ${replyType} in ${formatMs(performance.now() - started)}`, "info"),
        (error: unknown) =>
          live.current &&
          outcome(
            `${label} not sent again: ${error instanceof Error ? error.message : String(error)}`,
            "error",
          ),
      );
    },
    [client, dispatch, report],
  );
  return useMemo(() => ({ form, again }), [form, again]);
}
