import { describe, expect, it } from "vitest";
import {
  encodeMessage,
  eventKind,
  parseEvent,
  SmsEventInput,
  ValidationError,
  validate,
} from "../../src/protocol/index.js";

describe("eventKind", () => {
  // The "kind" column of PROTOCOL.md's supervisor -> client table, plus our monitor extension.
  const replies = [
    "auth_result",
    "pong",
    "error",
    "message_acknowledged",
    "send_sms_response",
    "send_email_response",
    "suggestion_applied",
    "suggestion_rejected",
    "synthesis_complete",
    "synthesis_failed",
    "claude_code_connected",
    "claude_code_response",
    "claude_code_disconnected",
    "appointment_scheduled",
    "reminder_created",
    "calendar_retrieved",
    "monitor_started",
  ];
  const broadcasts = [
    "synthesis_started",
    "user_speech",
    "user_transcription",
    "reminder_due",
    "reminder_sent",
    "reminder_failed",
    "traffic",
  ];

  it.each(replies)("classifies %s as a reply", (type) => expect(eventKind(type)).toBe("reply"));
  it.each(broadcasts)("classifies %s as a broadcast", (type) => expect(eventKind(type)).toBe("broadcast"));
  it("knows nothing of other types", () => expect(eventKind("brand_new_event")).toBeUndefined());
});

describe("parseEvent", () => {
  it("returns a typed reply", () => {
    const text =
      '{"type":"message_acknowledged","message_type":"sms","user":"ann","timestamp":"2025-01-15T10:30:00Z"}';
    expect(parseEvent(text)).toEqual({ kind: "reply", event: JSON.parse(text) });
  });

  it("keeps fields a newer server adds", () => {
    const parsed = parseEvent('{"type":"pong","server_time":5}');
    expect(parsed).toEqual({ kind: "reply", event: { type: "pong", server_time: 5 } });
  });

  it("keeps a __proto__ key of a traffic frame (a record schema would drop it)", () => {
    const text =
      '{"type":"traffic","seq":0,"connection_id":"c1","direction":"in","time":"t","frame":{"__proto__":{},"type":"ping"}}';
    const parsed = parseEvent(text);
    expect(parsed.kind).toBe("broadcast");
    const frame = parsed.kind === "broadcast" ? (parsed.event as { frame: object }).frame : {};
    expect(Object.keys(frame)).toEqual(["__proto__", "type"]);
  });

  it("returns a broadcast", () => {
    expect(parseEvent('{"type":"user_speech","duration_ms":1200,"timestamp":"t"}').kind).toBe("broadcast");
  });

  it("keeps an unknown type raw and never calls it a reply", () => {
    expect(parseEvent('{"type":"brand_new","x":[1]}')).toEqual({
      kind: "unknown",
      type: "brand_new",
      raw: { type: "brand_new", x: [1] },
    });
  });

  it.each([
    ["not json", "not JSON"],
    ["[1,2]", "not a JSON object"],
    ["null", "not a JSON object"],
    ['{"no_type":1}', "no string `type` field"],
    ['{"type":7}', "no string `type` field"],
  ])("calls %s invalid: %s", (text, reason) => {
    expect(parseEvent(text)).toEqual({ kind: "invalid", reason, text });
  });

  it("marks a reply with bad fields invalid but still a reply, naming the field", () => {
    const parsed = parseEvent(
      '{"type":"message_acknowledged","message_type":"fax","user":"u","timestamp":"t"}',
    );
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind !== "invalid") return;
    expect(parsed.replyType).toBe("message_acknowledged");
    expect(parsed.reason).toMatch(/^message_acknowledged: message_type: /);
  });

  it("marks a broadcast with bad fields invalid without a reply type", () => {
    const parsed = parseEvent('{"type":"user_speech","duration_ms":1.5,"timestamp":"t"}');
    expect(parsed).toMatchObject({ kind: "invalid" });
    expect(parsed).not.toHaveProperty("replyType");
  });
});

describe("encodeMessage", () => {
  it("serialises a valid message", () => {
    const message = { type: "sms_received", from: "+1555", to: "+1666", message: "hi", user: "ann" } as const;
    expect(JSON.parse(encodeMessage(message))).toEqual(message);
  });

  it("rejects a message with a missing field, naming it", () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid input
    const bad = { type: "email_received", from: "a", to: "b", subject: "s", user: "u" } as any;
    expect(() => encodeMessage(bad)).toThrow(ValidationError);
    try {
      encodeMessage(bad);
    } catch (error) {
      expect((error as ValidationError).field).toBe("body");
      expect((error as ValidationError).code).toBe("invalid_input");
    }
  });
});

describe("validate with the event inputs", () => {
  it("names an empty message", () => {
    expect(() =>
      validate(SmsEventInput, { from: "a", to: "b", message: "  ", user: "u" }, "SMS event"),
    ).toThrow("Invalid SMS event: message must not be empty");
  });

  it("gives the field hint, or the one it is asked to give", () => {
    const bad = { from: "a", to: "b", message: "", user: "u" };
    expect(() => validate(SmsEventInput, bad, "SMS event")).toThrow(
      expect.objectContaining({ hint: "Fix the field named above; nothing was sent." }),
    );
    expect(() => validate(SmsEventInput, bad, "SMS event", "See --help for the options.")).toThrow(
      expect.objectContaining({ code: "invalid_input", hint: "See --help for the options." }),
    );
  });

  it("names a non-string field", () => {
    try {
      validate(SmsEventInput, { from: "a", to: "b", message: "m", user: 5 }, "SMS event");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe("user");
      expect((error as ValidationError).message).toContain("user must be a string");
    }
  });
});
