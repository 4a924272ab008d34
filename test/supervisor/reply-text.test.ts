import { describe, expect, it } from "vitest";
import { replyText } from "../../src/supervisor/reply-text.js";

describe("replyText", () => {
  it("is JSON.stringify of the event, byte for byte", () => {
    const ack = (user: unknown) => ({
      type: "message_acknowledged",
      message_type: "sms",
      user,
      timestamp: "2025-01-15T10:30:00.123000000+00:00",
    });
    const events: Record<string, unknown>[] = [
      ack("alice"),
      ack('quote " back \\ slash'),
      ack("tab\there, new\nline, \u0001"),
      ack("é, 日本, 😀, lone \ud800 and \udc00"),
      ack(""),
      ack(12),
      ack(null),
      ack({ nested: true }),
      { ...ack("alice"), extra: 1 },
      { message_type: "sms", type: "message_acknowledged", user: "a", timestamp: "t" },
      { type: "message_acknowledged", message_type: "sms", user: "a" },
      Object.assign(Object.create({ inherited: 1 }), ack("alice")),
      { type: "pong" },
      { type: "auth_result", success: true, message: "Authenticated successfully" },
    ];
    for (const event of events) expect(replyText(event)).toBe(JSON.stringify(event));
  });
});
