import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/protocol/errors.js";
import { checkEmail, validateEmail } from "../../src/send/email.js";

describe("validateEmail", () => {
  it.each(["bob@example.com", "first.last+tag@mail.example.co.uk", "o'brien@example.ie", "x@a.io"])(
    "accepts %s",
    (address) => {
      expect(validateEmail(address, "--from")).toBe(address);
    },
  );

  it("trims surrounding spaces", () => {
    expect(validateEmail("  bob@example.com ", "--to")).toBe("bob@example.com");
  });

  it("explains `bob@` and names the flag", () => {
    let error: unknown;
    try {
      validateEmail("bob@", "--to");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("--to");
    expect((error as ValidationError).message).toBe(
      'Invalid email address: --to: "bob@" is not an email address: no domain after the @ (expected name@domain, e.g. bob@example.com)',
    );
  });

  it.each([
    ["bob", /no @/],
    ["@example.com", /nothing before the @/],
    ["bob@localhost", /"localhost" is not a domain/],
    ["bob@example..com", /not a domain/],
    ["bob@-example.com", /not a domain/],
    ["bob smith@example.com", /needs quoting/],
    ["bob@@example.com", /needs quoting/],
    ["Bob <bob@example.com>", /needs quoting/],
    [".bob@example.com", /misplaced dot/],
    ["bo..b@example.com", /misplaced dot/],
    ["", /must not be empty/],
  ])("rejects %j", (raw, reason) => {
    const result = checkEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
