import { describe, expect, it } from "vitest";
import { nestsDeeperThan, parseFrame, tokenCandidates } from "../../src/supervisor/frame-text.js";
import { Secrets } from "../../src/supervisor/secrets.js";

describe("frame text", () => {
  it("measures nesting outside strings only", () => {
    expect(nestsDeeperThan(`${"[".repeat(129)}${"]".repeat(129)}`, 128)).toBe(true);
    expect(nestsDeeperThan(`${"[".repeat(128)}${"]".repeat(128)}`, 128)).toBe(false);
    expect(nestsDeeperThan(`{"a":"${"[".repeat(500)}"}`, 128)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"[".repeat(500)}"}`, 128)).toBe(false);
  });

  it("parses objects nested up to serde's limit, and nothing deeper", () => {
    expect(parseFrame(`{"a":${"[".repeat(127)}${"]".repeat(127)}}`)).not.toBeNull();
    expect(parseFrame(`{"a":${"[".repeat(128)}${"]".repeat(128)}}`)).toBeNull();
    expect(parseFrame("[1]")).toBeNull();
    expect(parseFrame('{"type":"ping"}')).toEqual({ type: "ping" });
  });

  it.each([
    ['{"type":"auth","token":"secret-1', ["secret-1"]],
    ['{"type":"auth","token":"secret-1"} trailing', ["secret-1"]],
    ['{"type":"AUTH","token":"secret-1"}', ["secret-1"]],
    ['{"type":"auth","token":"a1","token":"secret-1"}', ["a1", "secret-1"]],
    ['["auth","secret-1"]', ["secret-1"]],
    ['{"type":"auth","token":["secret-1"]}', ["secret-1"]],
    ['{"type":"auth","token":"\\u0073ecret-1"}', ["\\u0073ecret-1", "secret-1"]],
    ['{"type":"ping","token":"secret-1"}', []],
  ])("finds the token candidates of %s", (text, expected) => {
    expect(tokenCandidates(text)).toEqual(expected);
  });

  it("takes at most 8 candidates from the first 8 KiB of a frame", () => {
    const many = `["auth",${Array.from({ length: 1000 }, (_, i) => `"tok-${i}-xyz"`).join(",")}]`;
    expect(tokenCandidates(many)).toHaveLength(8);
    expect(tokenCandidates(`${" ".repeat(9000)}["auth","late-token"]`)).toEqual([]);
  });

  it("masks known and learned tokens, short ones only as whole literals", () => {
    const secrets = new Secrets(["the-server-token-123"]);
    const extra = secrets.learnFrom('["auth","learned-token-456","ab"]');
    expect(extra).toEqual(["learned-token-456", "ab"]);
    expect(secrets.scrub('["auth","learned-token-456","ab"] about', extra)).toBe(
      '["auth","lear…456","…"] about',
    );
    expect(secrets.scrub("x the-server-token-123 learned-token-456 ab")).toBe("x the-…123 lear…456 ab");
    expect(secrets.scrubValue({ m: ["learned-token-456"], "the-server-token-123": 1 })).toEqual({
      m: ["lear…456"],
      "the-…123": 1,
    });
  });
});
