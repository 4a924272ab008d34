import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { Peer } from "../helpers/ws-peer.js";

const TOKEN = "unconfigured-token-1";
const RATE_LIMITED = {
  type: "suggestion_rejected",
  reason: "Rate limited. Wait 2000 ms between suggestions.",
};
const QUEUE_FULL = { type: "suggestion_rejected", reason: "Queue full (5/5)" };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}\+00:00$/;
const suggest = (text: string, priority?: string) => ({ type: "inject_suggestion", text, priority });

/** Time that moves only when the test says so. */
function frozenClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    sleep: async () => {},
  };
}

let supervisor: SupervisorHandle | undefined;
const peers: Peer[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) await peer.close();
  await supervisor?.close();
});

async function authed(): Promise<Peer> {
  const peer = await Peer.authed((supervisor as SupervisorHandle).url, TOKEN);
  peers.push(peer);
  return peer;
}

describe("the Rust answers with no MOSHI, Claude Code or scheduler configured (PROTOCOL.md)", () => {
  it("rate-limits suggestions from server start, shared by all connections, and fills a queue of 5", async () => {
    const clock = frozenClock(Date.parse("2025-01-15T10:30:00Z"));
    supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, clock });
    const a = await authed();
    const b = await authed();
    // The clock starts at server start: a normal suggestion right away is too soon.
    expect(await a.request(suggest("too soon"))).toEqual(RATE_LIMITED);
    clock.advance(2000);
    const applied = await a.request(suggest("first"));
    expect(applied).toEqual({
      type: "suggestion_applied",
      text: "first",
      timestamp: expect.stringMatching(RFC3339),
    });
    expect(applied.timestamp).toBe("2025-01-15T10:30:02.000000000+00:00");
    clock.advance(1999);
    // Another connection shares the clock; `low` is limited too, `high` never is.
    expect(await b.request(suggest("second", "low"))).toEqual(RATE_LIMITED);
    for (const text of ["h1", "h2", "h3", "h4"])
      expect(await b.request(suggest(text, "high"))).toMatchObject({ type: "suggestion_applied", text });
    expect(await a.request(suggest("sixth", "high"))).toEqual(QUEUE_FULL);
    // A refused-for-queue suggestion still restarts the clock, as the Rust server's does.
    clock.advance(2000);
    expect(await a.request(suggest("later"))).toEqual(QUEUE_FULL);
    expect(await a.request(suggest("at once"))).toEqual(RATE_LIMITED);
  });

  it("answers synthesis, Claude Code and the scheduler with the Rust server's own texts", async () => {
    supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null });
    const peer = await authed();
    const synthesis = await peer.request({ type: "synthesize_text", text: "hello", stream_sid: null });
    expect(Object.keys(synthesis)).toEqual(["type", "text", "error", "timestamp"]);
    expect(synthesis).toMatchObject({
      type: "synthesis_failed",
      text: "hello",
      error: "TTS model not yet integrated - requires separate MOSHI TTS model",
    });
    const claude = { type: "error", message: "Claude Code integration not enabled" };
    const scheduler = {
      type: "error",
      message: "Scheduler integration pending - will be implemented in Rust module",
    };
    const calendar = {
      type: "error",
      message: "Calendar retrieval pending - will be implemented via server client",
    };
    const cases: [object, object][] = [
      [{ type: "claude_code_connect", session_id: "s", project_path: "/p", user_id: "u" }, claude],
      [{ type: "claude_code_message", session_id: "s", message: "m", context: { any: ["json"] } }, claude],
      [{ type: "claude_code_disconnect", session_id: "s" }, claude],
      [{ type: "schedule_appointment", user_id: "u", text: "lunch tomorrow" }, scheduler],
      [
        {
          type: "schedule_reminder",
          user_id: "u",
          title: "t",
          due_time: "2025-01-15T10:30:00Z",
          priority: 2,
        },
        scheduler,
      ],
      [{ type: "get_calendar", user_id: "u", period: "year" }, calendar],
    ];
    for (const [message, answer] of cases) expect(await peer.request(message as never)).toEqual(answer);
  });
});
