import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { maskToken } from "../../src/config/mask.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import { startTap } from "../../src/supervisor/tap.js";
import { startTinyUpstream, UPSTREAM_TOKEN } from "../helpers/tap-fixtures.js";
import { type Json, Peer } from "../helpers/ws-peer.js";

const TOKEN = "feed-safety-token-0123456789";
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DEEP = 5000;
const DEEP_FRAMES = [
  `{"type":"x","a":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`,
  `{"a":${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}}`,
  `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`,
];

/** Auth frames that are not well formed, each holding `token`. */
const badAuths = (token: string) => [
  `{"type":"auth","token":"${token}`,
  `{"type":"auth","token":"${token}"} and then some`,
  `{"type":"Auth","token":"${token}"}`,
  `{"type":"auth","token":"wrong-token-x","token":"${token}"}`,
  `["auth","${token}"]`,
  `{"type":"auth","token":["${token}"]}`,
  `{"type":"auth","token":"${token.replace(/^./, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}"}`,
];

const tempFile = () => join(mkdtempSync(join(tmpdir(), "xswarm-feed-safety-")), "record.jsonl");

interface Target {
  url: string;
  /** An authenticated connection that asked for `monitor`. */
  monitor: Peer;
  close(): Promise<void>;
}

async function supervisorWithMonitor(record: string): Promise<Target> {
  const supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, record });
  cleanups.push(() => supervisor.close());
  const monitor = await Peer.authed(supervisor.url, TOKEN);
  cleanups.push(() => monitor.close());
  expect(await monitor.request({ type: "monitor" })).toEqual({ type: "monitor_started" });
  return { url: supervisor.url, monitor, close: () => supervisor.close() };
}

async function tapWithMonitor(record: string): Promise<Target> {
  const upstream = await startTinyUpstream();
  cleanups.push(() => upstream.close());
  const tap = await startTap({ port: 0, upstream: upstream.url, record });
  cleanups.push(() => tap.close());
  const monitor = await Peer.authed(tap.url, UPSTREAM_TOKEN);
  cleanups.push(() => monitor.close());
  expect(await monitor.request({ type: "monitor" })).toMatchObject({ type: "monitor_started" });
  return { url: tap.url, monitor, close: () => tap.close() };
}

async function attacker(url: string): Promise<Peer> {
  const peer = await Peer.open(url);
  cleanups.push(() => peer.close());
  return peer;
}

/** Monitor copies up to and including the first `pong` sent. */
async function copiesUntilPong(monitor: Peer): Promise<Json[]> {
  const copies: Json[] = [];
  for (;;) {
    const copy = await monitor.next();
    copies.push(copy);
    if (copy.direction === "out" && (copy.frame as Json | null)?.type === "pong") return copies;
  }
}

/** Closes the server (flushing the record) and returns the record's entries. */
async function recorded(target: Target, record: string): Promise<Json[]> {
  await target.close();
  return readFileSync(record, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Json);
}

/** Neither the token nor its middle (a `\u` escape changes only its first character) shows. */
function expectHidden(text: string, token: string): void {
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.slice(4, -3));
}

describe.each([
  ["supervisor", supervisorWithMonitor],
  ["tap", tapWithMonitor],
] as const)("the %s's feed", (_name, start) => {
  it("survives frames nested 5,000 deep with a record and a monitor, showing their raw text", async () => {
    const record = tempFile();
    const target = await start(record);
    const peer = await attacker(target.url);
    for (const frame of DEEP_FRAMES) peer.send(frame);
    for (const reply of await peer.take(DEEP_FRAMES.length)) expect(reply.type).toBe("error");
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });

    const deepIn = (e: Json) => e.direction === "in" && e.frame === null && String(e.raw).length === 1000;
    const copies = (await copiesUntilPong(target.monitor)).filter(deepIn);
    const entries = (await recorded(target, record)).filter(deepIn);
    for (const found of [copies, entries])
      expect(found.map((e) => String(e.raw))).toEqual(DEEP_FRAMES.map((f) => f.slice(0, 1000)));
  });
});

describe("the supervisor's feed never shows its token", () => {
  it("masks it in auth frames that are not well formed, and wherever else it appears", async () => {
    const record = tempFile();
    const target = await supervisorWithMonitor(record);
    const peer = await attacker(target.url);
    const frames = [
      ...badAuths(TOKEN),
      { type: "sms_received", from: "+1", to: "+2", message: `t=${TOKEN}`, user: "" },
    ];
    for (const frame of frames) peer.send(frame);
    await peer.take(frames.length);
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });

    const copies = await copiesUntilPong(target.monitor);
    const entries = await recorded(target, record);
    for (const text of [JSON.stringify(copies), JSON.stringify(entries)]) {
      expectHidden(text, TOKEN);
      expect(text).toContain(maskToken(TOKEN));
    }
    // Every frame is still there, masked, not dropped: the monitor's own auth and ping, then the peer's.
    expect(entries.filter((e) => e.direction === "in" && !e.event)).toHaveLength(2 + frames.length + 1);
  });
});

describe("the tap's feed never shows a token it has seen", () => {
  it("masks the token of any auth-like frame, and every later occurrence of it", async () => {
    const record = tempFile();
    const target = await tapWithMonitor(record);
    const peer = await attacker(target.url);
    const tokens = badAuths("").map((_, i) => `tap-secret-${i}-0123456789`);
    const frames = badAuths("").map((_, i) => badAuths(tokens[i] as string)[i] as string);
    for (const frame of frames) peer.send(frame);
    peer.send({ type: "sms_received", from: "+1", to: "+2", message: tokens.join(" "), user: "" });
    await peer.take(frames.length + 1);
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });

    const copies = JSON.stringify(await copiesUntilPong(target.monitor));
    const entries = JSON.stringify(await recorded(target, record));
    for (const text of [copies, entries]) {
      for (const token of [...tokens, UPSTREAM_TOKEN]) expectHidden(text, token);
      expect(text).toContain(maskToken(tokens[0] as string));
    }
  });
});
