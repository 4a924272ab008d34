import { once } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { TmuxPane } from "../helpers/tmux.js";
import { readyUrl, watchPane } from "./watch-fixture.js";

const SMS = 3000;
const BUFFER = 100;

/** Sends `count` SMS on one authenticated connection as fast as the socket takes them; resolves after the last reply. */
async function burst(url: string, count: number): Promise<void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, "open");
  ws.send(JSON.stringify({ type: "auth", token: "dev-token-12345" }));
  await once(ws, "message");
  let replies = 0;
  const done = new Promise<void>((resolve) =>
    ws.on("message", () => {
      replies += 1;
      if (replies === count) resolve();
    }),
  );
  for (let i = 1; i <= count; i++)
    ws.send(
      `{"type":"sms_received","from":"+15551234567","to":"+15557654321","message":"burst ${i}","user":"bench"}`,
    );
  await done;
  ws.close();
}

describe("xswarm-dev watch --embedded under a burst (tmux, 80×24)", () => {
  let pane: TmuxPane | undefined;
  afterAll(() => pane?.kill());

  it("counts every event of a burst: the totals are what was sent, the feed keeps --buffer and counts the rest as dropped", async () => {
    pane = watchPane(`--embedded --port 0 --buffer ${BUFFER}`);
    pane.start();
    const url = await readyUrl(pane);
    await burst(url, SMS);
    const screen = await pane.waitForText(new RegExp(`☎ sms ${SMS}\\b.*✓ ack ${SMS}\\b`), 30_000);
    const kept = /(\d+) events, (\d+) dropped/.exec(screen);
    expect(kept?.[1]).toBe(String(BUFFER));
    // Every request and its reply went through the ring buffer: what it holds plus what it dropped.
    expect(Number(kept?.[1]) + Number(kept?.[2])).toBeGreaterThanOrEqual(2 * SMS);
  }, 60_000);
});
