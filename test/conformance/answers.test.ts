import { describe, expect, it } from "vitest";
import { firstDifference, maskTimestamps } from "./answers.js";

const ACK = (timestamp: string, user = "alice") =>
  JSON.stringify({ type: "message_acknowledged", message_type: "sms", user, timestamp });

describe("comparing replies with the goldens, timestamps aside", () => {
  it("masks the timestamp member's value, keeping the member and its place", () => {
    const { masked, timestamps } = maskTimestamps(ACK("2025-01-15T10:30:00.123000000+00:00"));
    expect(masked).toBe(ACK("<timestamp>"));
    expect(timestamps).toEqual(["2025-01-15T10:30:00.123000000+00:00"]);
  });

  it("leaves a string that only looks like a timestamp member alone", () => {
    const user = '","timestamp":"not a key';
    const { masked } = maskTimestamps(ACK("2025-01-15T10:30:00+00:00", user));
    expect(masked).toBe(ACK("<timestamp>", user));
  });

  it("accepts chrono's RFC 3339 shapes and refuses others", () => {
    const golden = [ACK("<timestamp>")];
    for (const ok of [
      "2025-01-15T10:30:00+00:00",
      "2025-01-15T10:30:00.123+00:00",
      "2025-01-15T10:30:00.123456789+00:00",
    ]) {
      expect(firstDifference(["f"], golden, [ACK(ok)])).toBeUndefined();
    }
    for (const bad of ["2025-01-15T10:30:00.123Z", "2025-01-15 10:30:00+00:00", "yesterday"]) {
      expect(firstDifference(["f"], golden, [ACK(bad)])?.actual).toContain("is not RFC 3339");
    }
  });

  it("reports the first reply that differs, and a missing one", () => {
    expect(firstDifference(["a", "b"], ['{"type":"pong"}', '{"type":"pong"}'], ['{"type":"pong"}'])).toEqual({
      index: 1,
      frame: "b",
      expected: '{"type":"pong"}',
      actual: "<no reply>",
    });
    expect(firstDifference(["a"], ['{"type":"pong"}'], ['{"type":"pong" }'])?.index).toBe(0);
  });
});
