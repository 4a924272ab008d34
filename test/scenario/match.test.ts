import { describe, expect, it } from "vitest";
import { allHold, matchEvent } from "../../src/scenario/match.js";

const reply = {
  type: "send_sms_response",
  to: "+15551234567",
  message: "Echo: Hello boss",
  user: "alice",
  n: 3,
  tags: ["a"],
};
const holds = (expect: Record<string, unknown>) => allHold(matchEvent(expect, reply));

describe("matchEvent", () => {
  it("type: one, or one of a list", () => {
    expect(holds({ type: "send_sms_response" })).toBe(true);
    expect(holds({ type: "pong" })).toBe(false);
    expect(holds({ type: ["message_acknowledged", "send_sms_response"] })).toBe(true);
    expect(holds({ type: ["message_acknowledged", "error"] })).toBe(false);
    expect(matchEvent({ type: ["a", "b"] }, reply)[0]).toEqual({
      field: "type",
      expected: "one of a, b",
      actual: '"send_sms_response"',
      ok: false,
    });
  });

  it("a plain value and equals compare deeply and strictly", () => {
    expect(holds({ user: "alice", n: 3, tags: ["a"] })).toBe(true);
    expect(holds({ n: "3" })).toBe(false);
    expect(holds({ tags: { equals: ["a"] } })).toBe(true);
    expect(holds({ user: { equals: "bob" } })).toBe(false);
    expect(holds({ missing: null })).toBe(false);
  });

  it("contains, on strings only", () => {
    expect(holds({ message: { contains: "Hello" } })).toBe(true);
    expect(holds({ message: { contains: "Bye" } })).toBe(false);
    expect(holds({ n: { contains: "3" } })).toBe(false);
  });

  it("matches, a regular expression", () => {
    expect(holds({ message: { matches: "^Echo: .*boss$" } })).toBe(true);
    expect(holds({ message: { matches: "^boss" } })).toBe(false);
    expect(holds({ missing: { matches: "." } })).toBe(false);
  });

  it("absent", () => {
    expect(holds({ timestamp: { absent: true } })).toBe(true);
    expect(holds({ user: { absent: true } })).toBe(false);
  });

  it("within_ms is not a field; every row says what was expected and what came", () => {
    expect(matchEvent({ within_ms: 5, user: "bob", message: { contains: "x" } }, reply)).toEqual([
      { field: "user", expected: '"bob"', actual: '"alice"', ok: false },
      { field: "message", expected: 'contains "x"', actual: '"Echo: Hello boss"', ok: false },
    ]);
    expect(matchEvent({ gone: 1 }, reply)[0]?.actual).toBe("(absent)");
  });
});
