import { afterEach, describe, expect, it } from "vitest";
import { startTap } from "../../src/supervisor/tap.js";
import {
  connectClient,
  isType,
  startTinyUpstream,
  type TestClient,
  UPSTREAM_TOKEN,
} from "../helpers/tap-fixtures.js";

const cleanups: Array<() => Promise<unknown> | undefined> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SECRET = "quiet-secret-token-4711";
/** Sent while nobody listens: plain frames (read from their bytes), and ones that take the full parse. */
const QUIET_FRAMES = [
  '{"type":"ping"}',
  '{"type":"sms_received","from":"+1555","to":"+1666","message":"Hi \\"there\\"","user":"alice"}',
  "not json at all",
  '{ "type" : "ping", "n": [1, {"deep": true}] }',
  `{"type":"auth","token":"${SECRET}"}`,
  '{"type":"ping","type":"ping"}',
];

/**
 * One session: two authenticated clients, requests sent while the upstream holds its replies, then a
 * monitor attaching before the replies come. Returns what reached the client and the monitor's copies.
 */
async function session(watchedFromStart: boolean) {
  const upstream = await startTinyUpstream();
  cleanups.push(() => upstream.close());
  const tap = await startTap({ port: 0, upstream: upstream.url });
  cleanups.push(() => tap.close());
  if (watchedFromStart) tap.feed.subscribe(() => {});
  const connect = async (): Promise<TestClient> => {
    const c = await connectClient(tap.url);
    cleanups.push(async () => c.ws.close());
    c.sendJson({ type: "auth", token: UPSTREAM_TOKEN });
    expect((await c.next()).json).toMatchObject({ type: "auth_result", success: true });
    return c;
  };
  const monitor = await connect();
  const client = await connect();
  upstream.hold();
  for (const text of QUIET_FRAMES) client.ws.send(text);
  await upstream.waitFor(() => upstream.received.length === 2 + QUIET_FRAMES.length);
  monitor.sendJson({ type: "monitor" });
  await monitor.until(isType("monitor_started"));
  upstream.release();
  const replies = [];
  for (let i = 0; i < QUIET_FRAMES.length; i++) replies.push(await client.next());
  client.sendJson({ type: "ping", note: SECRET });
  replies.push(await client.next());
  const copies: Record<string, unknown>[] = [];
  while (copies.length < QUIET_FRAMES.length + 2) {
    const { frame } = await monitor.until(isType("traffic"));
    copies.push({ ...frame.json, time: undefined, latency_ms: typeof frame.json?.latency_ms });
  }
  return { replies, copies, received: upstream.received.slice(2) };
}

describe("tap: nobody listening", () => {
  it("forwards the same bytes, and a monitor attached later sees what it would have seen from the start", async () => {
    const quiet = await session(false);
    const watched = await session(true);
    expect(quiet.received).toEqual(watched.received);
    expect(quiet.received.slice(0, QUIET_FRAMES.length).map((f) => f.text)).toEqual(QUIET_FRAMES);
    expect(quiet.replies.map((r) => r.json?.type)).toEqual([
      "pong",
      "message_acknowledged",
      "error",
      "pong",
      "auth_result",
      "pong",
      "pong",
    ]);
    expect(quiet.replies).toEqual(watched.replies);
    expect(quiet.copies).toEqual(watched.copies);
    // Replies to requests sent before the monitor came are paired with them all the same.
    expect(
      quiet.copies.filter((c) => c.direction === "out").every((c) => typeof c.reply_to === "number"),
    ).toBe(true);
    // The token of the auth sent while nobody listened is still masked in later frames.
    expect(JSON.stringify(quiet.copies)).not.toContain(SECRET);
  });
});
