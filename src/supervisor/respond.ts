import { setTimeout as sleep } from "node:timers/promises";
import {
  ErrorEvent,
  MessageAcknowledgedEvent,
  SendEmailResponseEvent,
  SendSmsResponseEvent,
} from "../protocol/events.js";
import type { EmailReceivedMessage, SmsReceivedMessage } from "../protocol/messages.js";
import type { Logger } from "./log.js";
import { RepeatedLine } from "./log-line.js";
import { LogTally } from "./log-tally.js";
import { acknowledge } from "./responders/ack.js";
import type { Responder } from "./types.js";

type Json = Record<string, unknown>;
type Inbound = SmsReceivedMessage | EmailReceivedMessage;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface AnswerOptions {
  responder: Responder;
  /** Waited before the responder is asked (outside the deadline: it simulates a slow supervisor). */
  delayMs: number;
  /** The responder's deadline; past it the client gets `message_acknowledged`. */
  timeoutMs: number;
  /** Aborted when the connection goes away. */
  signal: AbortSignal;
  log: Logger;
}

/** Whether a responder's answer is a reply PROTOCOL.md allows for this message. */
function fits(message: Inbound, event: unknown): boolean {
  const sms = message.type === "sms_received";
  const reply = sms ? SendSmsResponseEvent : SendEmailResponseEvent;
  if (reply.safeParse(event).success || ErrorEvent.safeParse(event).success) return true;
  const ack = MessageAcknowledgedEvent.safeParse(event);
  return ack.success && ack.data.message_type === (sms ? "sms" : "email");
}

/**
 * Asks the responder for the reply to an SMS or email, within a deadline. A responder that throws,
 * is late, or answers something the protocol does not allow is logged, and the client gets
 * `message_acknowledged` instead: the supervisor never fails to reply.
 */
export async function answerWithDeadline(message: Inbound, options: AnswerOptions): Promise<Json> {
  const { responder, log } = options;
  if (options.delayMs > 0) {
    try {
      await sleep(options.delayMs, undefined, { signal: options.signal });
    } catch {
      return acknowledge(message);
    }
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal.addEventListener("abort", onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), options.timeoutMs);
  });
  try {
    const result = await Promise.race([responder.respond(message, controller.signal), late]);
    if (result === "late") {
      controller.abort();
      log.warn("responder too slow; answered message_acknowledged", {
        responder: responder.name,
        timeout_ms: options.timeoutMs,
      });
      return acknowledge(message);
    }
    if (!fits(message, result)) {
      log.warn("responder gave a reply the protocol does not allow; answered message_acknowledged", {
        responder: responder.name,
        reply_type: (result as { type?: unknown } | null)?.type,
      });
      return acknowledge(message);
    }
    return result;
  } catch (error) {
    log.warn("responder failed; answered message_acknowledged", {
      responder: responder.name,
      error: describe(error),
    });
    return acknowledge(message);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  }
}

/**
 * The answers logged one by one each second, all connections together (`answerLinesPerSecond`); the
 * rest are summed up in one line a second. Unbounded, 240k answers a second wrote 37 MB/s of log.
 * Undefined for 0: every answer is logged.
 */
export function answerTally(log: Logger, perSecond: number): LogTally | undefined {
  if (perSecond === 0) return undefined;
  return new LogTally(
    log,
    (n) => ({
      level: "info",
      msg: `${n} more answers in the last second, not logged one by one`,
      fields: { answers: n, logged_per_second: perSecond },
    }),
    { intervalMs: 1000, allowance: perSecond },
  );
}

/**
 * The log line of each answer of one connection: the same for every SMS of a sender, so its bytes
 * are made again only when the sender, the user, the reply or the time taken changes. Past the
 * supervisor's rate of answer lines (`tally`), an answer is only counted.
 */
export class AnswerLog extends RepeatedLine {
  private made = false;
  private user: unknown;
  private from: unknown;
  private reply: unknown;
  private ms = -1;

  constructor(
    private readonly connectionId: string,
    private readonly tally: LogTally | undefined,
  ) {
    // The line itself, not an object beside it: one object fewer for each of thousands of connections.
    super();
  }

  write(log: Logger, message: Inbound, event: Json, ms: number): void {
    if (this.tally && !this.tally.allow()) return;
    const msg = message.type === "sms_received" ? "sms answered" : "email answered";
    const { user, from } = message;
    const reply = event.type;
    const same =
      this.made &&
      msg === this.msg &&
      user === this.user &&
      from === this.from &&
      reply === this.reply &&
      ms === this.ms;
    if (!same) {
      const fields = { connection: this.connectionId, user, from, reply, ms };
      this.made = this.set("info", msg, fields);
      if (!this.made) {
        log.info(msg, fields);
        return;
      }
      this.user = user;
      this.from = from;
      this.reply = reply;
      this.ms = ms;
    }
    log.repeat(this);
  }
}

/** Whether `responder` answers in the same tick: it has a `respondSync` and no delay is set. */
export const answersAtOnce = (responder: Responder, delayMs: number): boolean =>
  responder.respondSync !== undefined && delayMs === 0;

/** The reply of a responder that answers at once (`answersAtOnce`), logged in `answers` (the connection's). */
export function answerNow(message: Inbound, responder: Responder, log: Logger, answers: AnswerLog): Json {
  let event: Json;
  try {
    event = responder.respondSync?.(message) ?? acknowledge(message);
  } catch (error) {
    log.warn("responder failed; answered message_acknowledged", {
      responder: responder.name,
      error: describe(error),
    });
    event = acknowledge(message);
  }
  answers.write(log, message, event, 0);
  return event;
}

/** The work that produces the reply to an SMS or email within the deadline, logged. */
export function answerLater(
  message: Inbound,
  options: AnswerOptions,
  answers: AnswerLog,
): () => Promise<Json> {
  return async () => {
    const started = Date.now();
    const event = await answerWithDeadline(message, options);
    answers.write(options.log, message, event, Date.now() - started);
    return event;
  };
}
