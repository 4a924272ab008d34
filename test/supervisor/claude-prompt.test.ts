import { describe, expect, it } from "vitest";
import {
  fitSms,
  MAX_INPUT_CHARS,
  replySubject,
  SMS_MAX_CHARS,
  systemPrompt,
  userPrompt,
} from "../../src/supervisor/responders/claude-prompt.js";

describe("replySubject", () => {
  it("adds Re: once", () => {
    expect(replySubject("Lunch")).toBe("Re: Lunch");
    expect(replySubject("Re: Lunch")).toBe("Re: Lunch");
    expect(replySubject("RE: Lunch")).toBe("RE: Lunch");
    expect(replySubject("  re:Lunch ")).toBe("re:Lunch");
    expect(replySubject("Regarding lunch")).toBe("Re: Regarding lunch");
  });
});

describe("fitSms", () => {
  it("keeps a short answer as it is, on one line", () => {
    expect(fitSms("Sure.\n\nSee you at 9.")).toBe("Sure. See you at 9.");
  });

  it("cuts at a word boundary and ends with an ellipsis", () => {
    const text = fitSms("lorem ipsum ".repeat(100));
    expect(Array.from(text).length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(text).toMatch(/(lorem|ipsum)…$/);
  });

  it("cuts a text without spaces and counts characters, not UTF-16 units", () => {
    const text = fitSms("😀".repeat(500), 10);
    expect(Array.from(text)).toHaveLength(10);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("prompts", () => {
  it("asks for a short plain-text SMS and a plain-text email body", () => {
    expect(systemPrompt("sms")).toMatch(/at most 300 characters/);
    expect(systemPrompt("email")).toMatch(/only the body/);
    expect(systemPrompt("email")).toMatch(/no Markdown/);
  });

  it("names the sender and the xswarm user, and cuts a huge body", () => {
    const prompt = userPrompt({
      type: "email_received",
      from: "a@example.com",
      to: "b@example.com",
      subject: "Hi",
      body: "x".repeat(MAX_INPUT_CHARS * 2),
      user: "alice",
    });
    expect(prompt).toContain("Email from a@example.com");
    expect(prompt).toContain('xswarm user "alice"');
    expect(prompt).toContain("Subject: Hi");
    expect(prompt.length).toBeLessThan(MAX_INPUT_CHARS + 200);
  });
});
