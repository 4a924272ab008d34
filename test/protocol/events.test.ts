import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventKind, parseEvent } from "../../src/protocol/index.js";

type Kind = "string" | "bool" | "u64" | "f64?" | "array" | "sms|email";
const s = "string" as const;

/** What the Rust server sends, written from PROTOCOL.md's table (each field's Rust type), not from our schemas. */
const RUST_EVENTS: Record<string, Record<string, Kind>> = {
  auth_result: { success: "bool", message: s },
  pong: {},
  error: { message: s },
  message_acknowledged: { message_type: "sms|email", user: s, timestamp: s },
  send_sms_response: { to: s, message: s, user: s },
  send_email_response: { to: s, subject: s, body: s, user: s },
  suggestion_applied: { text: s, timestamp: s },
  suggestion_rejected: { reason: s },
  synthesis_started: { text: s, timestamp: s },
  synthesis_complete: { text: s, duration_ms: "u64", timestamp: s },
  synthesis_failed: { text: s, error: s, timestamp: s },
  claude_code_connected: { session_id: s, status: s, timestamp: s },
  claude_code_response: { session_id: s, message_id: s, content: s, cost_usd: "f64?", timestamp: s },
  claude_code_disconnected: { session_id: s, reason: s, timestamp: s },
  appointment_scheduled: { appointment_id: s, title: s, start_time: s, end_time: s, timestamp: s },
  reminder_created: { reminder_id: s, title: s, due_time: s, timestamp: s },
  calendar_retrieved: { period: s, appointments: "array", timestamp: s },
  user_speech: { duration_ms: "u64", timestamp: s },
  user_transcription: { text: s, timestamp: s },
  reminder_due: { reminder_id: s, appointment_id: s, user_id: s, method: s, message: s, timestamp: s },
  reminder_sent: { reminder_id: s, method: s, timestamp: s },
  reminder_failed: { reminder_id: s, method: s, error: s, timestamp: s },
};

/** A field's value as serde_json writes it (a u64 past 2^53 keeps all its digits; a None f64 is null or left out). */
const rustValue = (kind: Kind): fc.Arbitrary<string | undefined> => {
  switch (kind) {
    case "string":
      return fc.string({ unit: "grapheme" }).map((v) => JSON.stringify(v));
    case "bool":
      return fc.boolean().map(String);
    case "u64":
      return fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(String);
    case "f64?":
      return fc.option(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.constant("null")),
        {
          nil: undefined,
        },
      );
    case "array":
      return fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }).map((v) => JSON.stringify(v));
    case "sms|email":
      return fc.constantFrom('"sms"', '"email"');
  }
};

const frame = (type: string, fields: [string, string | undefined][]) =>
  `{"type":${JSON.stringify(type)}${fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `,${JSON.stringify(k)}:${v}`)
    .join("")}}`;

const rustFrame = fc.constantFrom(...Object.keys(RUST_EVENTS)).chain((type) => {
  const fields = Object.entries(RUST_EVENTS[type] ?? {});
  return fc
    .tuple(
      ...fields.map(([name, kind]) => rustValue(kind).map((v) => [name, v] as [string, string | undefined])),
    )
    .map((values) => ({ type, text: frame(type, values), fields }));
});

/** JSON that no field of that Rust type can hold. */
const wrongValue = (kind: Kind): fc.Arbitrary<string> => {
  const others = fc.constantFrom("null", "true", "7", "-1", "1.5", '"x"', "[]", "{}");
  switch (kind) {
    case "string":
      return others.filter((v) => !v.startsWith('"'));
    case "bool":
      return others.filter((v) => v !== "true");
    case "u64":
      return others.filter((v) => v !== "7");
    case "f64?":
      return fc.constantFrom('"1.5"', "true", "[]", "{}");
    case "array":
      return others.filter((v) => v !== "[]");
    case "sms|email":
      return fc.constantFrom('"voice"', '"SMS"', "1", "null");
  }
};

describe("the client's view of server events (PROTOCOL.md's Rust types)", () => {
  it("accepts every event the Rust server can send, as the kind PROTOCOL.md gives it", () => {
    fc.assert(
      fc.property(rustFrame, ({ type, text }) => {
        expect(parseEvent(text).kind).toBe(eventKind(type));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses an event with a field the Rust server cannot send, keeping a reply's place in the reply order", () => {
    const broken = rustFrame
      .filter(({ fields }) => fields.length > 0)
      .chain(({ type, text, fields }) =>
        fc.nat(fields.length - 1).chain((i) => {
          const [name, kind] = fields[i] as [string, Kind];
          const value = fc.oneof(
            wrongValue(kind),
            kind === "f64?" ? wrongValue(kind) : fc.constant(undefined),
          );
          return value.map((v) => {
            const object = JSON.parse(text) as Record<string, unknown>;
            if (v === undefined) delete object[name];
            else object[name] = JSON.parse(v);
            return { type, text: JSON.stringify(object) };
          });
        }),
      );
    fc.assert(
      fc.property(broken, ({ type, text }) => {
        const parsed = parseEvent(text);
        expect(parsed.kind).toBe("invalid");
        if (parsed.kind === "invalid")
          expect(parsed.replyType).toBe(eventKind(type) === "reply" ? type : undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads a u64 past 2^53 and a missing or null cost", () => {
    const complete = parseEvent(
      '{"type":"synthesis_complete","text":"t","duration_ms":18446744073709551615,"timestamp":"t"}',
    );
    expect(complete).toMatchObject({ kind: "reply", event: { duration_ms: 2 ** 64 } });
    for (const cost of ["", ',"cost_usd":null', ',"cost_usd":0.0042']) {
      const text = `{"type":"claude_code_response","session_id":"s","message_id":"m","content":"c"${cost},"timestamp":"t"}`;
      expect(parseEvent(text).kind).toBe("reply");
    }
    expect(parseEvent('{"type":"user_speech","duration_ms":-1,"timestamp":"t"}').kind).toBe("invalid");
    expect(parseEvent('{"type":"user_speech","duration_ms":1.5,"timestamp":"t"}').kind).toBe("invalid");
  });
});
