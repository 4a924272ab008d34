import { describe, expect, it } from "vitest";
import { BROADCAST_SCHEMAS, REPLY_SCHEMAS } from "../../src/protocol/events.js";
import { BROADCAST_TYPE_NAMES, REPLY_TYPE_NAMES } from "../../src/protocol/frame.js";

describe("frame.ts's type names", () => {
  // frame.ts lists them by hand so that the client reads frames without loading zod; the schemas decide.
  it("are the reply schemas' types", () => {
    expect([...REPLY_TYPE_NAMES].sort()).toEqual(REPLY_SCHEMAS.map((s) => s.shape.type.value).sort());
  });
  it("are the broadcast schemas' types", () => {
    expect([...BROADCAST_TYPE_NAMES].sort()).toEqual(BROADCAST_SCHEMAS.map((s) => s.shape.type.value).sort());
  });
});
