import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BROADCAST_SCHEMAS,
  eventKind,
  parseClientMessage,
  parseEvent,
  REPLY_SCHEMAS,
  RUST_MESSAGE_SCHEMAS,
} from "../../src/protocol/index.js";
import { arbitraryFor } from "../helpers/arbitrary.js";

const knownTypes = [...REPLY_SCHEMAS, ...BROADCAST_SCHEMAS].map((s) => s.shape.type.value);

describe("parseEvent properties", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(["reply", "broadcast", "unknown", "invalid"]).toContain(parseEvent(text).kind);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        parseEvent(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on objects with a known type and arbitrary fields, and keeps replies in the reply order", () => {
    const objects = fc
      .tuple(
        fc.constantFrom(...knownTypes),
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      )
      .map(([type, rest]) => JSON.stringify({ ...rest, type }));
    fc.assert(
      fc.property(objects, (text) => {
        const parsed = parseEvent(text);
        const type = (JSON.parse(text) as { type: string }).type;
        // A reply-type frame always takes a reply slot: either a typed reply, or invalid with replyType.
        const takesSlot = parsed.kind === "reply" || (parsed.kind === "invalid" && parsed.replyType === type);
        expect(takesSlot).toBe(eventKind(type) === "reply");
        expect(parsed.kind).not.toBe("unknown");
      }),
      { numRuns: 2000 },
    );
  });

  for (const schema of [...REPLY_SCHEMAS, ...BROADCAST_SCHEMAS]) {
    const type = schema.shape.type.value;
    it(`round-trips every valid ${type}`, () => {
      fc.assert(
        fc.property(arbitraryFor(schema), (generated) => {
          const text = JSON.stringify(generated);
          const event = JSON.parse(text); // what the wire can carry (e.g. -0 becomes 0)
          const parsed = parseEvent(text);
          expect(parsed.kind).toBe(eventKind(type));
          if (parsed.kind === "reply" || parsed.kind === "broadcast") expect(parsed.event).toEqual(event);
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe("parseClientMessage properties", () => {
  it("never throws, and answers every non-message with a detail", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.json()), (text) => {
        const result = parseClientMessage(text);
        if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts every valid client message and ignores unknown extra fields", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RUST_MESSAGE_SCHEMAS).chain((s) => arbitraryFor(s)),
        fc.string({ unit: "grapheme-ascii", minLength: 1 }),
        (message, extraKey) => {
          const withExtra = { [`x_${extraKey}`]: 1, ...(message as object) };
          const result = parseClientMessage(JSON.stringify(withExtra));
          // serde reads a JSON null in an Option as None, fills `#[serde(default)]`; the wire has no -0.
          const expected: Record<string, unknown> = Object.fromEntries(
            Object.entries(JSON.parse(JSON.stringify(message)) as object).filter(([, v]) => v !== null),
          );
          if (expected.type === "inject_suggestion") expected.priority ??= "normal";
          // serde_json's float reading is not always correctly rounded: a `context` may differ in the last bit.
          if ("context" in expected) expected.context = expect.anything();
          expect(result).toEqual({ ok: true, message: expected });
        },
      ),
      { numRuns: 500 },
    );
  });
});
