import { AuthenticationError } from "../../client/errors.js";
import { maskToken } from "../../config/mask.js";
import type { ParsedEvent } from "../../protocol/parse.js";
import { Probe, type ReplyResult } from "../probe.js";
import type { CheckOutcome, DoctorContext } from "../types.js";

const NOT_SUPERVISOR = "Is the server on this port an xswarm supervisor? Check with lsof -i :";
/** Close code 1011: what a tap sends when it cannot reach its upstream supervisor. */
const UPSTREAM_DOWN = 1011;

/** Step 5: the WebSocket upgrade is accepted. Otherwise shows the HTTP status, or why it failed. */
export async function checkHandshake(ctx: DoctorContext): Promise<CheckOutcome> {
  const url = ctx.url?.href ?? "";
  const result = await Probe.open(url, ctx.networkTimeoutMs);
  if (result.ok) {
    ctx.probe = result.probe;
    ctx.cleanups.push(() => result.probe.close());
    return { status: "pass", detail: `upgrade accepted (HTTP 101) in ${ms(result.ms)}` };
  }
  const lsof = `lsof -i :${ctx.port}`;
  if (result.kind === "http") {
    const server = result.server ? ` (server: ${result.server})` : "";
    return {
      status: "fail",
      detail: `the server answered HTTP ${result.status} ${result.statusText}${server} instead of upgrading to WebSocket`,
      hint: `Something other than the supervisor may be listening on port ${ctx.port}: check with ${lsof}, and the URL's path.`,
    };
  }
  if (result.kind === "timeout")
    return {
      status: "fail",
      detail: `no handshake answer within ${ctx.networkTimeoutMs} ms`,
      hint: `The port accepts connections but does not speak HTTP/WebSocket: check what listens with ${lsof}.`,
    };
  return {
    status: "fail",
    detail: `handshake failed: ${result.message}`,
    hint: `Something other than the supervisor may be listening on port ${ctx.port}: check with ${lsof}.`,
  };
}

/** Step 6: a JSON `ping` gets a `pong` before auth. Shows the round trip. */
export async function checkPing(ctx: DoctorContext): Promise<CheckOutcome> {
  const result = await ctx.probe?.request({ type: "ping" }, ctx.protocolTimeoutMs);
  if (result?.ok && result.reply.kind === "reply" && result.reply.event.type === "pong")
    return { status: "pass", detail: `pong in ${ms(result.ms)}` };
  return { hint: `${NOT_SUPERVISOR}${ctx.port}`, ...noGood(ctx, result, "pong") };
}

/** Step 7: `auth` with the configured token gets a successful `auth_result`. */
export async function checkAuth(ctx: DoctorContext): Promise<CheckOutcome> {
  const token = ctx.config?.token ?? "";
  const result = await ctx.probe?.request({ type: "auth", token }, ctx.protocolTimeoutMs);
  if (result?.ok && result.reply.kind === "reply" && result.reply.event.type === "auth_result") {
    const event = result.reply.event;
    if (event.success) {
      ctx.authenticated = true;
      return { status: "pass", detail: `${event.message} (token ${maskToken(token)}) in ${ms(result.ms)}` };
    }
    const error = new AuthenticationError(event.message, maskToken(token));
    return { status: "fail", detail: error.message, hint: error.hint ?? "" };
  }
  return { hint: `${NOT_SUPERVISOR}${ctx.port}`, ...noGood(ctx, result, "auth_result") };
}

/** The finding for a reply that is missing or not the one expected. */
export function noGood(ctx: DoctorContext, result: ReplyResult | undefined, expected: string): CheckOutcome {
  if (result === undefined) return { status: "fail", detail: "no connection" };
  if (!result.ok) {
    if (result.close?.code === UPSTREAM_DOWN) {
      const said = result.close.reason.trim();
      return {
        status: "fail",
        detail: `the server closed the connection with code 1011${said ? ` (${said})` : ""}: it is a proxy, e.g. an xswarm-dev tap, whose upstream supervisor is unreachable`,
        hint: "Start the upstream supervisor (`xswarm-dev supervisor`, or `cd packages/core && cargo run --bin xswarm`) and try again, or point --url at the supervisor itself.",
      };
    }
    const what =
      result.reason === "closed" ? "the connection closed" : `no reply within ${ctx.protocolTimeoutMs} ms`;
    const seen = result.ignored.length > 0 ? `; received only ${summarise(result.ignored)}` : "";
    return { status: "fail", detail: `expected \`${expected}\`, but ${what}${seen}` };
  }
  return { status: "fail", detail: `expected \`${expected}\`, got ${describeReply(result.reply)}` };
}

export function describeReply(reply: ParsedEvent): string {
  if (reply.kind === "invalid")
    return `a \`${reply.replyType}\` that does not fit the protocol (${reply.reason})`;
  if (reply.kind === "unknown") return `an unknown \`${reply.type}\` event`;
  if (reply.event.type === "error") return `\`error\`: ${reply.event.message}`;
  return `\`${reply.event.type}\``;
}

function summarise(frames: string[]): string {
  const shown = frames.slice(0, 2).join(", ");
  return frames.length > 2 ? `${shown} and ${frames.length - 2} more` : shown;
}

/** Milliseconds for people: one decimal below 10 ms. */
export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
