import type { ComposerField, ComposerKind } from "./composer.js";
import { type FeedEvent, frameOf } from "./event-model.js";
import { selectedEvent, visibleEvents } from "./feed.js";
import type { DashboardState } from "./types.js";

/** The event the event keys act on: the one in the full view, else the selected row. */
export function currentEvent(state: DashboardState): FeedEvent | undefined {
  if (state.full) return state.events.find((e) => e.id === state.full?.id);
  const event = selectedEvent(visibleEvents(state), state);
  return event?.mark ? undefined : event;
}

/** The other half of a request/reply pair on the same connection, if the feed still holds it. */
export function pairOf(event: FeedEvent, events: readonly FeedEvent[]): FeedEvent | undefined {
  if (event.mark) return undefined;
  if (event.direction === "out" && event.replyTo !== undefined)
    return events.find(
      (e) => e.direction === "in" && e.seq === event.replyTo && e.connectionId === event.connectionId,
    );
  if (event.direction === "in")
    return events.find(
      (e) => e.direction === "out" && e.replyTo === event.seq && e.connectionId === event.connectionId,
    );
  return undefined;
}

/** The SMS or email an event is, or answers: what `R`, `E` and `Y` send again. */
export function requestOf(event: FeedEvent, events: readonly FeedEvent[]): FeedEvent | undefined {
  const isRequest = (e: FeedEvent) => e.type === "sms_received" || e.type === "email_received";
  if (isRequest(event)) return event;
  const pair = pairOf(event, events);
  return pair && isRequest(pair) ? pair : undefined;
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v);

/** A request's fields as the composer names them. */
export function prefillOf(
  request: FeedEvent,
): { kind: ComposerKind; values: Partial<Record<ComposerField, string>> } | undefined {
  const frame = frameOf(request);
  if (!frame) return undefined;
  const base = { from: text(frame.from), to: text(frame.to), user: text(frame.user) };
  const values = (v: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Partial<
      Record<ComposerField, string>
    >;
  if (request.type === "sms_received")
    return { kind: "sms", values: values({ ...base, message: text(frame.message) }) };
  if (request.type === "email_received")
    return {
      kind: "email",
      values: values({ ...base, subject: text(frame.subject), body: text(frame.body) }),
    };
  return undefined;
}
