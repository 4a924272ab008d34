import { afterEach, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { LogRecord, StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";
import { Peer } from "../helpers/ws-peer.js";

const TOKEN = "backpressure-token-0123";
const sms = (message: string) => ({
  type: "sms_received",
  from: "+1555",
  to: "+1666",
  message,
  user: "alice",
});

let supervisor: SupervisorHandle;
const peers: Peer[] = [];
async function start(options: StartSupervisorOptions = {}) {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, ...options });
  return supervisor;
}
async function authed() {
  const peer = await Peer.authed(supervisor.url, TOKEN, { perMessageDeflate: false });
  peers.push(peer);
  return peer;
}
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.ws.terminate();
  await supervisor?.close();
});

describe("dev supervisor read-ahead", () => {
  it("stops reading a client whose unanswered messages pile up behind a slow responder", async () => {
    await start({ delayMs: 300 });
    let read = 0;
    supervisor.feed.subscribe((entry) => {
      if (entry.direction === "in") read += 1;
    });
    const peer = await authed();
    const text = "x".repeat(1000);
    for (let i = 0; i < 3000; i++) peer.send(sms(text));
    // Three replies take 900 ms: time enough to read all 3 MB, had the supervisor not stopped.
    const replies = await peer.take(3);
    expect(replies.every((r) => r.type === "message_acknowledged" && r.user === "alice")).toBe(true);
    // The queue's bound (256) and what one socket read brings (64 KiB), not the 3,000 sent.
    expect(read).toBeGreaterThan(256);
    expect(read).toBeLessThan(256 + 2 * 64 + 1);
  });
});

describe("dev supervisor auth failures", () => {
  const wrong = { type: "auth", token: "wrong-token-0000" };

  it("answers every wrong token, and logs one line per burst and a summary, not one per failure", async () => {
    const logs: LogRecord[] = [];
    await start({ onLog: (r) => logs.push(r) });
    const peer = await Peer.open(supervisor.url);
    peers.push(peer);
    for (let i = 0; i < 2000; i++) peer.send(wrong);
    const replies = await peer.take(2000);
    expect(replies.every((r) => r.type === "auth_result" && r.success === false)).toBe(true);
    await peer.close();
    await expect.poll(() => logs.some((r) => r.msg.includes("failed auths"))).toBe(true);
    const failures = logs.filter((r) => /authentication failed|failed auths/.test(r.msg)).map((r) => r.msg);
    expect(failures).toEqual(["authentication failed", "1999 failed auths on c1 in the last 5 s"]);
  });

  it("with allowRemote, closes a connection after 10 failed auths in a row (1008), each answered", async () => {
    await start({ allowRemote: true });
    const peer = await Peer.open(supervisor.url);
    peers.push(peer);
    for (let i = 0; i < 50; i++) peer.send(wrong);
    expect(await peer.closed).toEqual({ code: 1008, reason: "Too many failed authentications" });
    expect(peer.received).toHaveLength(10);
    // A success in between starts the count again.
    const patient = await Peer.open(supervisor.url);
    peers.push(patient);
    for (let i = 0; i < 9; i++) patient.send(wrong);
    await patient.take(9);
    expect(await patient.request({ type: "auth", token: TOKEN })).toMatchObject({ success: true });
    for (let i = 0; i < 9; i++) patient.send(wrong);
    await patient.take(9);
    expect(await patient.request({ type: "ping" })).toEqual({ type: "pong" });
  });
});

describe("dev supervisor answer lines", () => {
  /** Sends `n` SMS on one connection and waits for every reply, then stops the supervisor (which flushes the tally). */
  async function flood(n: number, limits: StartSupervisorOptions["limits"]) {
    const logs: LogRecord[] = [];
    await start({ onLog: (r) => logs.push(r), limits });
    const peer = await authed();
    for (let i = 0; i < n; i++) peer.send(sms(`m${i}`));
    const replies = await peer.take(n);
    expect(replies.every((r) => r.type === "message_acknowledged")).toBe(true);
    await supervisor.close();
    const oneByOne = logs.filter((r) => r.msg === "sms answered").length;
    const summaries = logs.filter((r) => r.msg.includes("more answers in the last second"));
    return { oneByOne, summaries };
  }

  it("logs the first answers of each second one by one and sums up the rest, counting every answer", async () => {
    const { oneByOne, summaries } = await flood(500, { answerLinesPerSecond: 10 });
    // A burst within one second gives 10 lines and "490 more …"; a slower machine spreads it over more seconds.
    expect(summaries.length).toBeGreaterThan(0);
    expect(oneByOne).toBeGreaterThanOrEqual(10);
    expect(oneByOne).toBeLessThanOrEqual(10 * (summaries.length + 1));
    const summed = summaries.map((r) => r.answers as number);
    expect(oneByOne + summed.reduce((a, b) => a + b, 0)).toBe(500);
    for (const r of summaries) {
      expect(r.level).toBe("info");
      expect(r.msg).toBe(`${r.answers} more answers in the last second, not logged one by one`);
      expect(r.logged_per_second).toBe(10);
    }
  });

  it("logs every answer with answerLinesPerSecond 0", async () => {
    const { oneByOne, summaries } = await flood(300, { answerLinesPerSecond: 0 });
    expect(oneByOne).toBe(300);
    expect(summaries).toEqual([]);
  });
});
