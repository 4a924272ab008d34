import { describe, expect, it } from "vitest";
import { categorize, entryOf, toFeedEvent } from "../../../src/ui/state/event-model.js";
import { summaryOf } from "../../../src/ui/state/summary.js";
import { trafficEntry } from "../../helpers/traffic-entries.js";

describe("categorize", () => {
  it.each([
    ["in", "sms_received", "sms"],
    ["in", "email_received", "email"],
    ["in", "auth", "control"],
    ["in", "ping", "ping"],
    ["in", "schedule_reminder", "other"],
    ["in", "wat", "unknown"],
    ["out", "message_acknowledged", "ack"],
    ["out", "send_sms_response", "ai"],
    ["out", "send_email_response", "ai"],
    ["out", "error", "error"],
    ["out", "pong", "ping"],
    ["out", "reminder_due", "broadcast"],
    ["out", "calendar_retrieved", "other"],
    ["out", "brand_new_event", "unknown"],
  ] as const)("%s %s is %s", (direction, type, category) => {
    expect(categorize(direction, type)).toBe(category);
  });
});

describe("toFeedEvent", () => {
  it("summarises an SMS with its text, sender and recipient on one line", () => {
    const event = toFeedEvent(
      trafficEntry({
        type: "sms_received",
        from: "+1555",
        to: "+1666",
        message: "line one\nline two",
        user: "al",
      }),
      7,
    );
    expect(event).toMatchObject({ id: 7, type: "sms_received", category: "sms", user: "al" });
    expect(summaryOf(event)).toBe('"line one ⏎ line two" +1555 → +1666');
  });

  it("summarises replies and broadcasts by their text", () => {
    const reply = toFeedEvent(
      trafficEntry(
        { type: "send_sms_response", to: "+1555", message: "Sure!", user: "al" },
        { direction: "out" },
      ),
      1,
    );
    expect(summaryOf(reply)).toBe('"Sure!" → +1555');
    const due = toFeedEvent(
      trafficEntry(
        { type: "reminder_due", user_id: "bo", message: "Standup", method: "sms" },
        { direction: "out" },
      ),
      2,
    );
    expect(due).toMatchObject({ category: "broadcast", user: "bo" });
    expect(summaryOf(due)).toBe('"Standup"');
  });

  it("describes frames that are not JSON objects", () => {
    const raw = toFeedEvent(trafficEntry(null, { raw: "hello" }), 1);
    expect(raw).toMatchObject({ type: "raw", category: "unknown" });
    expect(summaryOf(raw)).toBe("not a JSON object: hello");
    const binary = toFeedEvent(trafficEntry(null, { binary_bytes: 12 }), 1);
    expect(binary.type).toBe("binary");
    expect(summaryOf(binary)).toBe("binary frame, 12 bytes");
  });

  it("shows an unknown type's fields raw and cuts long summaries", () => {
    const odd = toFeedEvent(trafficEntry({ type: "brand_new", n: 1 }, { direction: "out" }), 1);
    expect(summaryOf(odd)).toBe('{"n":1}');
    const error = trafficEntry({ type: "error", message: "x".repeat(1000) }, { direction: "out" });
    const long = summaryOf(toFeedEvent(error, 1));
    expect(long.length).toBe(400);
    expect(long.endsWith("…")).toBe(true);
  });

  it("keeps everything of the entry, compactly", () => {
    const entry = trafficEntry(
      { type: "send_sms_response", to: "+1555", message: "ok", user: "al" },
      { direction: "out", reply_to: 3, latency_ms: 1.5 },
    );
    expect(entryOf(toFeedEvent(entry, 1))).toEqual(entry);
    const binary = trafficEntry(null, { binary_bytes: 4 });
    expect(entryOf(toFeedEvent(binary, 2))).toEqual(binary);
  });
});
