import { backspace, editField, fieldsOf, moveFocus, openComposer, remember, typeInto } from "./composer.js";
import { endOf } from "./line-editor.js";
import { currentEvent, prefillOf, requestOf } from "./selection.js";
import type { DashboardAction, DashboardState } from "./types.js";

/**
 * The composer's transitions and the status bar's notice (the actions `dashboardReducer` leaves to
 * it). Pure, like it.
 */
export function composerReducer(state: DashboardState, action: DashboardAction): DashboardState {
  const composer = state.composer;
  switch (action.type) {
    case "composer/open":
      return { ...state, help: false, composer: openComposer(action.kind, state.memory) };
    case "composer/from-event": {
      const event = currentEvent(state);
      const request = event && requestOf(event, state.events);
      const prefill = request && prefillOf(request);
      if (!prefill)
        return {
          ...state,
          notice: { text: "Only an SMS or an email (or a reply to one) can be edited.", tone: "error" },
        };
      return {
        ...state,
        help: false,
        full: undefined,
        composer: openComposer(prefill.kind, state.memory, prefill.values),
      };
    }
    case "composer/cancel":
      return { ...state, composer: undefined };
    case "composer/sent":
      return {
        ...state,
        composer: undefined,
        memory: remember(state.memory, action.request),
        notice: { text: action.notice, tone: "info" },
      };
    case "notice":
      return { ...state, notice: action.notice };
    default:
      break;
  }
  if (!composer) return state;
  switch (action.type) {
    case "composer/type":
      return { ...state, composer: { ...typeInto(composer, action.text), failure: undefined } };
    case "composer/backspace":
      return { ...state, composer: backspace(composer) };
    case "composer/edit":
      return { ...state, composer: { ...editField(composer, action.op), failure: undefined } };
    case "composer/body": {
      const focus = fieldsOf(composer.kind).indexOf("body");
      if (focus === -1) return state;
      const values = { ...composer.values, body: action.text };
      return { ...state, composer: { ...composer, values, focus, cursor: endOf(action.text) } };
    }
    case "composer/focus":
      return { ...state, composer: moveFocus(composer, action.delta) };
    case "composer/invalid": {
      const first = fieldsOf(composer.kind).findIndex((f) => action.errors[f] !== undefined);
      const focus = first === -1 ? composer.focus : first;
      return { ...state, composer: { ...composer, errors: action.errors, focus, status: "editing" } };
    }
    case "composer/sending":
      return { ...state, composer: { ...composer, errors: {}, status: "sending", failure: undefined } };
    case "composer/failed":
      return { ...state, composer: { ...composer, status: "editing", failure: action.message } };
    default:
      return state;
  }
}
