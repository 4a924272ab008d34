import type { AddressInfo } from "node:net";
import { afterEach, describe, it } from "vitest";
import { WebSocketServer } from "ws";
import { type ChildServer, startChild } from "../helpers/flood.js";
import {
  DEEP_FRAME,
  echoedUserFrame,
  FLOOD_TOKEN,
  floodHarness,
  GROWTH_MB,
  recordPath,
  smsFrame,
} from "../helpers/flood-harness.js";

/**
 * Floods a tap (in a child process, in front of a supervisor in another) and checks its RSS stays
 * flat: at most GROWTH_MB above the sample taken after the warm-up. The tap holds at most 1 MiB
 * unsent per side before it stops reading the other side, plus 4 MiB of monitor copies and frames of
 * at most 16 MiB; before these fixes it grew to 419 MB behind an upstream that stopped reading.
 */
const flood = floodHarness("tap");

const children: ChildServer[] = [];
const servers: WebSocketServer[] = [];
afterEach(async () => {
  flood.closeSockets();
  for (const child of children.splice(0).reverse()) await child.stop();
  for (const wss of servers.splice(0)) {
    // A paused socket would never see the tap go: drop them, or close() waits for them forever.
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
});

async function child(kind: "supervisor" | "tap", options: Record<string, unknown>): Promise<ChildServer> {
  const started = await startChild(kind, options);
  children.push(started);
  return started;
}
async function tapInFront(
  upstreamOptions: Record<string, unknown> = {},
  tapOptions: Record<string, unknown> = {},
) {
  const upstream = await child("supervisor", {
    port: 0,
    token: FLOOD_TOKEN,
    logFile: null,
    ...upstreamOptions,
  });
  return child("tap", { port: 0, upstream: upstream.url, ...tapOptions });
}

/** An upstream that answers the auth, then never reads another byte. */
async function nonReadingUpstream(): Promise<string> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  servers.push(wss);
  await new Promise((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws) => {
    ws.once("message", () => {
      ws.send('{"type":"auth_result","success":true,"message":"Authenticated successfully"}');
      ws.pause();
    });
  });
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

describe("tap under floods (RSS flat)", () => {
  it("deep and invalid frames with --record and a monitor; another client's ping stays quick", async () => {
    const tap = await tapInFront({}, { record: recordPath() });
    await flood.floodWithMonitorAndPings(tap, [() => DEEP_FRAME, () => `garbage ${Math.random()}`]);
  }, 60_000);

  it("300 loops holding unauthenticated connections open, legitimate clients still served", async () => {
    await flood.idleLoopsWithVisitors(await tapInFront(), 1.5 * GROWTH_MB);
  }, 60_000);

  it("an upstream that stops reading, and a client that keeps sending", async () => {
    const upstream = await nonReadingUpstream();
    const tap = await child("tap", { port: 0, upstream });
    const text = "x".repeat(100_000);
    await flood.oneConnectionFlood("non-reading upstream + fast sender of 100 KB frames", tap, () =>
      smsFrame(text),
    );
  }, 60_000);

  it("a client that sends but never reads its replies", async () => {
    const tap = await tapInFront();
    await flood.oneConnectionFlood(
      "non-reading client, 50 KB replies",
      tap,
      () => echoedUserFrame,
      (ws) => ws.pause(),
    );
  }, 60_000);
});
