import { describe, expect, it } from "vitest";
import { maskToken } from "../../src/config/index.js";

describe("maskToken", () => {
  it("shows the first four and last three characters of a token of 15 or more", () => {
    expect(maskToken("dev-token-12345")).toBe("dev-…345");
    expect(maskToken("abcdefghijklmnopqrstuvwxyz")).toBe("abcd…xyz");
  });

  it("shows the first two and last two characters of a token of 10 to 14", () => {
    expect(maskToken("abcdefghij")).toBe("ab…ij");
    expect(maskToken("abcdefghijklmn")).toBe("ab…mn");
  });

  it("shows nothing of a token shorter than 10", () => {
    expect(maskToken("abcdefghi")).toBe("…");
    expect(maskToken("abcdefgh")).toBe("…");
    expect(maskToken("short")).toBe("…");
    expect(maskToken("")).toBe("…");
  });

  it("never shows half of a token or more", () => {
    for (let length = 0; length <= 40; length++) {
      const token = "x".repeat(length);
      const shown = maskToken(token).replace("…", "").length;
      expect(shown * 2, `length ${length}`).toBeLessThan(Math.max(length, 1));
    }
  });

  it("never contains the middle of the token", () => {
    const token = "prod-7f3a9c1e5b2d-xyz";
    expect(maskToken(token)).not.toContain("7f3a9c1e5b2d");
  });
});
