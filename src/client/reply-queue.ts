import type { SendEmailResponseEvent, SendSmsResponseEvent, ServerEvent } from "../protocol/events.js";
import type { ParsedEvent } from "../protocol/parse.js";
import { type Expectation, mismatch, type ReplyShape } from "./expectations.js";
import type { Clock } from "./types.js";

/** A reply-type frame: a valid reply, or a frame of a reply type whose fields are wrong. */
export type ReplyFrame =
  | Extract<ParsedEvent, { kind: "reply" }>
  | (Extract<ParsedEvent, { kind: "invalid" }> & { replyType: string });

/** A `send_sms_response` / `send_email_response` broadcast: a due reminder the Node.js side must deliver. */
export interface ReminderBroadcast {
  event: SendSmsResponseEvent | SendEmailResponseEvent;
  /**
   * True when it arrived while a request of the same kind for the same user was waiting, so the wire
   * could not tell it from the reply: it was taken as that request's reply (the `reminder_sent` that
   * followed it showed it was a reminder).
   */
  ambiguous: boolean;
}

/** A reply that fits no waiting request (a server that answers twice, or not a supervisor). Not thrown. */
export interface ProtocolWarning {
  message: string;
  event: ParsedEvent;
}

/** One request waiting in the reply order: what its reply must look like, and how to settle it. */
export interface Slot {
  readonly expectation: Expectation;
  /** The request's `user`, which a reply carrying one must echo. */
  readonly user?: string | undefined;
  readonly deadline: number;
  /** Settled: answered, failed, or timed out (a tombstone that still takes its late reply). */
  readonly done: boolean;
  /** The reply that fits it (an `error`, or a frame of a fitting type with bad fields, included). */
  answer(reply: ReplyFrame): void;
  timeout(): void;
  reject(error: Error): void;
}

/** What one incoming frame turned out to be (a reply settled the request it answers). */
export type Correlation =
  | { kind: "reply" }
  | { kind: "reminder"; reminder: ReminderBroadcast }
  | { kind: "warning"; warning: ProtocolWarning }
  | { kind: "other" };

// Shared: the outcome of every reply, the most frequent frame, is no new object.
const REPLY = { kind: "reply" } as const;
const OTHER = { kind: "other" } as const;

type Method = "sms" | "email";
/** The method of a `send_*_response` type (two comparisons: this runs for every reply). */
const responseMethod = (type: string): Method | undefined =>
  type === "send_sms_response" ? "sms" : type === "send_email_response" ? "email" : undefined;

/**
 * The reply order of one connection. The protocol has no request id: the n-th reply answers the
 * n-th request. A reply-type frame is taken by the request at the head only when it fits it (same
 * kind, `user` echoed, `message_type` matching; `error` fits anything). A `send_*_response` that does
 * not fit is a reminder broadcast; any other reply that does not fit is a protocol warning, and the
 * head keeps waiting. A request that times out stays as a tombstone until its late reply arrives
 * (which is then dropped), so later requests never shift onto the wrong replies; a tombstone is passed
 * over only by a reply that fits a live request right behind it.
 *
 * One lazily armed timer serves every deadline: it is set for the earliest one, and on firing
 * expires what is due and re-arms for the next. Cheaper than a timer per request. It is left armed
 * when the last request is answered (re-armed only for a deadline earlier than its own): at one
 * request at a time, clearing and arming it per request (with a clock read each) was ~0.6 us of the
 * client's CPU per request. It keeps nothing alive that the open socket does not; `failAll` (the
 * link closing) clears it.
 */
export class ReplyQueue<S extends Slot> {
  /**
   * The FIFO: items[head..tail), every other place undefined. When it empties, head and tail go back
   * to 0 and the array keeps its places: at one request at a time, emptying it with `length = 0`
   * (then growing it again) was the costliest step of a reply (~1.8 us of ~30 in a depth-1 profile).
   */
  private items: (S | undefined)[] = [];
  private head = 0;
  private tail = 0;
  private live = 0;
  private timer: unknown;
  private timerAt = Number.POSITIVE_INFINITY;
  /** The last `send_*_response` of each kind, and whether a request took it. */
  private readonly lastResponse = new Map<Method, { event: ReminderBroadcast["event"]; taken: boolean }>();

  /**
   * `takeMisfits`: a reply that does not fit the head (and is not a reminder) is still taken by it, for
   * a caller that sends one message at a time and judges the reply itself (the doctor). `onExpired`
   * runs after requests have timed out.
   */
  constructor(
    private readonly clock: Clock,
    private readonly options: { takeMisfits?: boolean; onExpired?: () => void } = {},
  ) {}

  /** Requests in the FIFO, tombstones included. */
  get size(): number {
    return this.tail - this.head;
  }

  /** Requests still waiting for their reply (tombstones excluded). */
  get waiting(): number {
    return this.live;
  }

  push(request: S): void {
    this.items[this.tail++] = request;
    if (request.done) return;
    this.live++;
    if (request.deadline < this.timerAt) this.arm(request.deadline);
  }

  /** Hands a frame to the request it answers, if any, and says what it was. */
  receive(parsed: ParsedEvent): Correlation {
    if (parsed.kind === "broadcast") return this.afterBroadcast(parsed.event);
    const frame = asReplyFrame(parsed);
    if (frame === undefined) return OTHER;
    const shape = shapeOf(frame);
    const index = this.findTaker(shape);
    const slot = index === -1 ? undefined : this.items[index];
    const method = frame.kind === "reply" ? responseMethod(frame.event.type) : undefined;
    const response =
      method === undefined ? undefined : (frame as { event: ReminderBroadcast["event"] }).event;
    if (method !== undefined && response !== undefined) {
      this.lastResponse.set(method, { event: response, taken: slot !== undefined });
    }
    if (slot !== undefined) {
      this.take(index);
      slot.answer(frame);
      return REPLY;
    }
    if (response !== undefined) return { kind: "reminder", reminder: { event: response, ambiguous: false } };
    const head = this.items[this.head];
    if (this.options.takeMisfits === true && head !== undefined) {
      this.take(this.head);
      head.answer(frame);
      return REPLY;
    }
    const why = head === undefined ? "no request is waiting" : mismatch(head.expectation, shape, head.user);
    const message = `${shape.type} fits no waiting request (${why}): not taken as a reply`;
    return { kind: "warning", warning: { message, event: parsed } };
  }

  /** Rejects every waiting request at once and empties the FIFO (the connection is gone). */
  failAll(error: Error): void {
    const items = this.items;
    const from = this.head;
    const to = this.tail;
    this.items = [];
    this.head = 0;
    this.tail = 0;
    this.live = 0;
    this.disarm();
    for (let i = from; i < to; i++) items[i]?.reject(error);
  }

  /** `reminder_sent` right after a `send_*_response` that a request took: it was a reminder. */
  private afterBroadcast(event: ServerEvent): Correlation {
    if (event.type !== "reminder_sent") return OTHER;
    const method = event.method === "sms" || event.method === "email" ? event.method : undefined;
    const last = method === undefined ? undefined : this.lastResponse.get(method);
    if (method === undefined || last === undefined) return OTHER;
    this.lastResponse.delete(method);
    return last.taken ? { kind: "reminder", reminder: { event: last.event, ambiguous: true } } : OTHER;
  }

  /** The head when the reply fits it, else the first live request behind tombstones when it fits that; -1 for none. */
  private findTaker(shape: ReplyShape): number {
    for (let i = this.head; i < this.tail; i++) {
      const slot = this.items[i];
      if (slot === undefined) continue;
      if (mismatch(slot.expectation, shape, slot.user) === undefined) return i;
      if (!slot.done) break;
    }
    return -1;
  }

  /** Removes the request at `index` and the tombstones before it. */
  private take(index: number): void {
    for (let i = this.head; i < index; i++) this.items[i] = undefined;
    const slot = this.items[index];
    this.items[index] = undefined;
    this.head = index + 1;
    if (slot !== undefined && !slot.done) this.live--;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.tail) {
      this.items = this.items.slice(this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
  }

  private arm(at: number): void {
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(this.expire, Math.max(0, at - this.clock.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    const due: S[] = [];
    for (let i = this.head; i < this.tail; i++) {
      const request = this.items[i];
      if (request === undefined || request.done) continue;
      if (request.deadline <= now) due.push(request);
      else if (request.deadline < next) next = request.deadline;
    }
    this.live -= due.length;
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    for (const request of due) request.timeout();
    if (due.length > 0) this.options.onExpired?.();
  };
}

function asReplyFrame(parsed: ParsedEvent): ReplyFrame | undefined {
  if (parsed.kind === "reply") return parsed;
  if (parsed.kind === "invalid" && parsed.replyType !== undefined) return parsed as ReplyFrame;
  return undefined;
}

/** The fields that decide the fit; for a frame with bad fields, what can be read of them. */
function shapeOf(frame: ReplyFrame): ReplyShape {
  if (frame.kind === "reply") return frame.event as ReplyShape;
  try {
    const { message_type, user } = JSON.parse(frame.text) as { message_type?: unknown; user?: unknown };
    return { type: frame.replyType, message_type, user };
  } catch {
    return { type: frame.replyType };
  }
}
