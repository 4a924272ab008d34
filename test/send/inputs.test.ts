import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/protocol/errors.js";
import { parseEmailInput, parseSmsInput } from "../../src/send/inputs.js";
import { thrown } from "../helpers/thrown.js";

const smsLabels = {
  from: { flag: "--from", whenMissing: "pass --from <phone> or set XSWARM_FROM_PHONE" },
  to: { flag: "--to" },
  message: { flag: "[text]" },
  user: { flag: "--user", source: "XSWARM_USER" },
};
const emailLabels = {
  from: { flag: "--from" },
  to: { flag: "--to" },
  subject: { flag: "--subject" },
  body: { flag: "--body" },
  user: { flag: "--user" },
};

const failure = (fn: () => unknown) => thrown(ValidationError, fn);

describe("parseSmsInput", () => {
  it("normalises both numbers and keeps the message as given", () => {
    const input = parseSmsInput(
      { from: "+1 (555) 123-4567", to: "+44 20 7946 0958", message: "  Hi boss ", user: "alice" },
      smsLabels,
    );
    expect(input).toEqual({
      from: "+15551234567",
      to: "+442079460958",
      message: "  Hi boss ",
      user: "alice",
    });
  });

  it("says how to give a missing value", () => {
    const error = failure(() => parseSmsInput({ to: "+15551234567", message: "x", user: "a" }, smsLabels));
    expect(error.field).toBe("--from");
    expect(error.message).toBe(
      "Invalid SMS input: --from is required: pass --from <phone> or set XSWARM_FROM_PHONE",
    );
    expect(error.code).toBe("invalid_input");
  });

  it("names the flag of a bad number", () => {
    const error = failure(() =>
      parseSmsInput({ from: "+15551234567", to: "12", message: "x", user: "a" }, smsLabels),
    );
    expect(error.field).toBe("--to");
    expect(error.message).toMatch(/^Invalid SMS input: --to: "12" must start with \+/);
  });

  it("names where a value came from when it was not the flag", () => {
    const error = failure(() =>
      parseSmsInput({ from: "+15551234567", to: "+15557654321", message: "x", user: " " }, smsLabels),
    );
    expect(error.message).toBe("Invalid SMS input: --user (from XSWARM_USER) must not be empty");
  });

  it("refuses an empty or blank message, naming its argument", () => {
    const error = failure(() =>
      parseSmsInput({ from: "+15551234567", to: "+15557654321", message: " \n", user: "a" }, smsLabels),
    );
    expect(error.field).toBe("[text]");
    expect(error.message).toMatch(/\[text\] must not be empty/);
  });

  it("lists every bad field, the first one in `field`", () => {
    const error = failure(() => parseSmsInput({ message: "x" }, smsLabels));
    expect(error.issues.map((i) => i.field)).toEqual(["--from", "--to", "--user"]);
  });
});

describe("parseEmailInput", () => {
  const good = {
    from: "bob@example.com",
    to: " boss@example.com ",
    subject: "Hello",
    body: "Body text",
    user: "bob",
  };

  it("accepts good fields, trimming addresses", () => {
    expect(parseEmailInput(good, emailLabels)).toEqual({ ...good, to: "boss@example.com" });
  });

  it("explains `bob@`", () => {
    const error = failure(() => parseEmailInput({ ...good, from: "bob@" }, emailLabels));
    expect(error.field).toBe("--from");
    expect(error.message).toMatch(/--from: "bob@" is not an email address: no domain after the @/);
  });

  it("refuses an empty subject and an empty body", () => {
    expect(failure(() => parseEmailInput({ ...good, subject: "" }, emailLabels)).field).toBe("--subject");
    expect(failure(() => parseEmailInput({ ...good, body: "   " }, emailLabels)).field).toBe("--body");
  });
});
