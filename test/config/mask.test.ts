import { describe, expect, it } from "vitest";
import { maskToken } from "../../src/config/index.js";

describe("maskToken", () => {
  it("shows the first four and last three characters of a long token", () => {
    expect(maskToken("dev-token-12345")).toBe("dev-…345");
    expect(maskToken("abcdefgh")).toBe("abcd…fgh");
  });

  it("shows nothing of a short token", () => {
    expect(maskToken("short")).toBe("…");
    expect(maskToken("")).toBe("…");
  });

  it("never contains the middle of the token", () => {
    const token = "prod-7f3a9c1e5b2d-xyz";
    expect(maskToken(token)).not.toContain("7f3a9c1e5b2d");
  });
});
