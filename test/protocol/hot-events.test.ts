import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServerEvent } from "../../src/protocol/events.js";
import { hotServerEvent } from "../../src/protocol/hot-events.js";
import { parseEvent } from "../../src/protocol/parse.js";

const HOT = [
  "message_acknowledged",
  "auth_result",
  "pong",
  "error",
  "send_sms_response",
  "send_email_response",
];
const KEYS = [
  "type",
  "message_type",
  "user",
  "timestamp",
  "success",
  "message",
  "to",
  "subject",
  "body",
  "extra",
  "__proto__",
];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom("sms", "email", "SMS", ""),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constant({}),
);

/** A frame as JSON text (so that `__proto__` is an own key, as JSON.parse makes it), keys in any order. */
const frame = fc
  .tuple(
    fc.constantFrom(...HOT),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS.slice(1)), value), {
      selector: ([k]) => k,
      maxLength: 6,
    }),
    fc.nat(6),
  )
  .map(([type, fields, at]) => {
    const entries: [string, unknown][] = [...fields];
    entries.splice(Math.min(at, entries.length), 0, ["type", type]);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
  });

const SCHEMA_KEYS: Record<string, string[]> = {
  message_acknowledged: ["message_type", "user", "timestamp"],
  auth_result: ["success", "message"],
  pong: [],
  error: ["message"],
  send_sms_response: ["to", "message", "user"],
  send_email_response: ["to", "subject", "body", "user"],
};

/** A frame with its schema's keys in order, each of any value: the field checks decide. */
const ordered = fc
  .constantFrom(...HOT)
  .chain((type) =>
    fc
      .tuple(...(SCHEMA_KEYS[type] ?? []).map(() => value))
      .map((values) =>
        JSON.stringify(
          Object.fromEntries([["type", type], ...(SCHEMA_KEYS[type] ?? []).map((k, i) => [k, values[i]])]),
        ),
      ),
  );

/** The canonical frames, as the supervisor writes them: every field in the schema's order. */
const CANONICAL = [
  '{"type":"message_acknowledged","message_type":"sms","user":"u","timestamp":"t"}',
  '{"type":"message_acknowledged","message_type":"email","user":"u","timestamp":"t"}',
  '{"type":"auth_result","success":true,"message":"Authenticated successfully"}',
  '{"type":"pong"}',
  '{"type":"error","message":"boom"}',
  '{"type":"send_sms_response","to":"+1","message":"m","user":"u"}',
  '{"type":"send_email_response","to":"a@b","subject":"s","body":"b","user":"u"}',
];

describe("hotServerEvent (the hand check of the frequent replies)", () => {
  it("takes the canonical frames, equal to zod's result key order included", () => {
    for (const text of CANONICAL) {
      const json = JSON.parse(text) as Record<string, unknown>;
      const hot = hotServerEvent(json);
      const zod = ServerEvent.parse(JSON.parse(text));
      expect(hot).toEqual(zod);
      expect(Object.keys(hot as object)).toEqual(Object.keys(zod));
    }
  });

  it("never disagrees with zod: what it takes zod takes the same, what zod refuses it leaves to zod", () => {
    fc.assert(
      fc.property(fc.oneof(frame, ordered), (text) => {
        const hot = hotServerEvent(JSON.parse(text) as Record<string, unknown>);
        const zod = ServerEvent.safeParse(JSON.parse(text));
        if (hot === undefined) return;
        expect(zod.success).toBe(true);
        expect(hot).toEqual(zod.data);
        expect(Object.keys(hot)).toEqual(Object.keys(zod.data as object));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves parseEvent's outcome as it was: the same kind, event and error text", () => {
    fc.assert(
      fc.property(fc.oneof(frame, ordered), (text) => {
        const parsed = parseEvent(text);
        const json = JSON.parse(text) as Record<string, unknown>;
        const zod = ServerEvent.safeParse(json);
        if (zod.success) expect(parsed).toEqual({ kind: "reply", event: zod.data });
        else expect(parsed).toMatchObject({ kind: "invalid", replyType: json.type, text });
      }),
      { numRuns: 2000 },
    );
  });
});
