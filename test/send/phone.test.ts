import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/protocol/errors.js";
import { checkPhone, normalisePhone } from "../../src/send/phone.js";

describe("normalisePhone", () => {
  it.each([
    ["+15551234567", "+15551234567"],
    ["+1 555 123 4567", "+15551234567"],
    ["+1 (555) 123-4567", "+15551234567"],
    ["+44.20.7946.0958", "+442079460958"],
    [" +49-30-1234567 ", "+49301234567"],
    ["+12345678", "+12345678"],
    ["+123456789012345", "+123456789012345"],
  ])("reads %j as %s", (raw, expected) => {
    expect(normalisePhone(raw, "--from")).toBe(expected);
  });

  it("rejects a number without + and names the flag", () => {
    const error = (() => {
      try {
        normalisePhone("555-123-4567", "--from");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("--from");
    expect((error as ValidationError).message).toMatch(/--from: "555-123-4567" must start with \+/);
  });

  it.each([
    ["+1234567", /7 digits; an E\.164 number has 8 to 15/],
    ["+1234567890123456", /16 digits/],
    ["+1555abc4567", /only digits after the \+/],
    ["+1 555/123", /only digits/],
    ["", /must not be empty/],
    [" - ", /must not be empty/],
    ["+", /0 digits/],
  ])("rejects %j", (raw, reason) => {
    const result = checkPhone(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("names the flag it is given", () => {
    expect(() => normalisePhone("12", "--to")).toThrow(/^Invalid phone number: --to: /);
  });
});
