import { describe, expect, it } from "vitest";
import { readTwiml } from "../../src/webhook/twiml.js";

describe("readTwiml", () => {
  it("reads each Message (own text or <Body>, with <Media>) and a Redirect, in order", () => {
    const twiml = readTwiml(
      `<?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Message to="+15551234567">Hi &amp; welcome</Message>
        <Message><Body>Second</Body><Media>https://example.com/cat.png</Media></Message>
        <Redirect method="POST">/sms/next</Redirect>
      </Response>`,
    );
    expect(twiml).toEqual({
      ok: true,
      errors: [],
      verbs: [
        { verb: "Message", text: "Hi & welcome", attributes: { to: "+15551234567" } },
        { verb: "Message", text: "Second", attributes: {}, media: ["https://example.com/cat.png"] },
        { verb: "Redirect", text: "/sms/next", attributes: { method: "POST" } },
      ],
    });
  });

  it("takes an empty body or an empty <Response/> as no reply", () => {
    expect(readTwiml("")).toEqual({ ok: true, verbs: [], errors: [] });
    expect(readTwiml("<Response/>")).toEqual({ ok: true, verbs: [], errors: [] });
  });

  it("flags what Twilio would reject: malformed XML, another root, a verb SMS does not have", () => {
    const broken = readTwiml("<Response><Message>oops</Response>");
    expect(broken.ok).toBe(false);
    expect(broken.errors[0]).toMatch(/^12100 Document parse failure: .*line 1/);
    expect(readTwiml("<html><body>hi</body></html>").errors).toEqual([
      "12200 Schema validation: the root element is <html>, not <Response>",
    ]);
    const voice = readTwiml("<Response><Say>Hello</Say></Response>");
    expect(voice.ok).toBe(false);
    expect(voice.verbs).toEqual([{ verb: "Say", text: "Hello", attributes: {} }]);
    expect(voice.errors[0]).toContain("<Say> is not a Messaging TwiML verb");
    expect(readTwiml("Thanks!").ok).toBe(false);
  });
});
