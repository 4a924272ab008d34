import { lookup as dnsLookup } from "node:dns/promises";
import { connect, isIP, type Socket } from "node:net";
import { checkSupervisorUrl } from "../../config/validate.js";
import type { CheckOutcome, DoctorContext, LookupFn } from "../types.js";

export const START_HINT =
  "Start a supervisor: `xswarm-dev supervisor` (embedded), or `cd packages/core && cargo run --bin xswarm`.";

/** Step 2: the URL parses and its scheme is ws or wss. */
export async function checkUrl(ctx: DoctorContext): Promise<CheckOutcome> {
  const value = ctx.config?.url ?? "";
  const check = checkSupervisorUrl(value);
  if (!check.ok) return { status: "fail", detail: check.reason, hint: check.hint };
  const url = check.url;
  ctx.url = url;
  ctx.host = url.hostname.replace(/^\[|\]$/g, "");
  ctx.port = url.port === "" ? (url.protocol === "wss:" ? 443 : 80) : Number(url.port);
  const path = url.pathname === "/" ? "" : `, path ${url.pathname}`;
  return {
    status: "pass",
    detail: `scheme ${url.protocol.slice(0, -1)}, host ${ctx.host}, port ${ctx.port}${path}`,
  };
}

const defaultLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true });

/** Step 3: the host resolves, and to what. An IP address needs no lookup. */
export async function checkDns(ctx: DoctorContext): Promise<CheckOutcome> {
  const host = ctx.host ?? "";
  if (isIP(host) !== 0) {
    ctx.addresses = [host];
    return { status: "pass", detail: `${host} is an IP address; no lookup needed` };
  }
  const lookup = ctx.options.lookup ?? defaultLookup;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ctx.networkTimeoutMs);
  });
  try {
    const result = await Promise.race([lookup(host), timeout]);
    if (result === "timeout")
      return {
        status: "fail",
        detail: `no DNS answer for ${host} within ${ctx.networkTimeoutMs} ms`,
        hint: "Check your DNS settings, or use the IP address in the URL (e.g. ws://127.0.0.1:9999).",
      };
    if (result.length === 0)
      return { status: "fail", detail: `${host} resolves to no address`, hint: "Check the host name." };
    ctx.addresses = result.map((a) => a.address);
    return { status: "pass", detail: `${host} → ${ctx.addresses.join(", ")}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      status: "fail",
      detail: `cannot resolve ${host} (${code})`,
      hint: "Check the host name in the URL; for a local supervisor use ws://127.0.0.1:9999.",
    };
  } finally {
    clearTimeout(timer);
  }
}

type TcpOutcome = { ok: true } | { ok: false; code: string };

/**
 * Step 4: the port accepts a TCP connection on one of the addresses. "Connection refused" and a
 * timeout are told apart.
 */
export async function checkTcp(ctx: DoctorContext): Promise<CheckOutcome> {
  const port = ctx.port ?? 0;
  const where = (host: string) => (isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`);
  const failures: Array<{ host: string; code: string }> = [];
  for (const host of ctx.addresses ?? []) {
    const outcome = await tryConnect(ctx, host, port);
    if (outcome.ok) {
      const others = failures.map((f) => `${where(f.host)}: ${f.code}`).join(", ");
      return { status: "pass", detail: `${where(host)} accepts connections${others ? ` (${others})` : ""}` };
    }
    failures.push({ host, code: outcome.code });
  }
  const first = failures[0] ?? { host: ctx.host ?? "", code: "no address" };
  const at = failures.map((f) => where(f.host)).join(", ");
  const portHint = `check which port it listens on (lsof -i :${port})`;
  if (failures.every((f) => f.code === "ECONNREFUSED"))
    return {
      status: "fail",
      detail: `Connection refused at ${at}: nothing is listening on port ${port}`,
      hint: `${START_HINT} If it is running, ${portHint}.`,
    };
  if (failures.some((f) => f.code === "TIMEOUT"))
    return {
      status: "fail",
      detail: `no answer from ${at} within ${ctx.networkTimeoutMs} ms (timed out, not refused)`,
      hint: "The host may be down or a firewall may drop the packets: check the host, the port and any firewall in between.",
    };
  return {
    status: "fail",
    detail: `cannot connect to ${where(first.host)} (${first.code})`,
    hint: `Check the network route to the host; ${portHint}.`,
  };
}

function tryConnect(ctx: DoctorContext, host: string, port: number): Promise<TcpOutcome> {
  const open = ctx.options.connectTcp ?? ((h: string, p: number) => connect({ host: h, port: p }));
  return new Promise((resolve) => {
    const socket: Socket = open(host, port);
    const finish = (result: TcpOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, code: "TIMEOUT" }), ctx.networkTimeoutMs);
    socket.once("connect", () => finish({ ok: true }));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, code: error.code ?? error.message }),
    );
  });
}
