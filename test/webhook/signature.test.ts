import fc from "fast-check";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { twilioSignature } from "../../src/webhook/signature.js";

// fc.webPath() is slow to generate (seconds for a few dozen); a path and an optional query suffice here.
const SEGMENT = fc.string({ unit: fc.constantFrom(..."abcxyz0189-_~%"), minLength: 1, maxLength: 8 });
const PATH = fc
  .tuple(fc.array(SEGMENT, { maxLength: 3 }), fc.option(fc.tuple(SEGMENT, SEGMENT)))
  .map(([parts, query]) => `/${parts.join("/")}${query ? `?${query[0]}=${query[1]}` : ""}`);

const TOKEN = "12345678901234567890123456789012";

describe("twilioSignature", () => {
  it("equals twilio's own expected signature for a request with a query string", () => {
    const url = "https://example.com/myapp.php?foo=1&bar=2";
    const params = {
      CallSid: "CA1234567890ABCDE",
      Caller: "+12349013030",
      Digits: "1234",
      From: "+12349013030",
      To: "+18005551212",
    };
    expect(twilioSignature(TOKEN, url, params)).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, params));
    expect(twilio.validateRequest(TOKEN, twilioSignature(TOKEN, url, params), url, params)).toBe(true);
  });

  it("is accepted by twilio.validateRequest for any fields, and refused under another token", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
          maxKeys: 8,
        }),
        PATH,
        (params, path) => {
          const url = `http://127.0.0.1:8787${path}`;
          const signature = twilioSignature(TOKEN, url, params);
          expect(twilio.validateRequest(TOKEN, signature, url, params)).toBe(true);
          expect(twilio.validateRequest(`${TOKEN}x`, signature, url, params)).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});
