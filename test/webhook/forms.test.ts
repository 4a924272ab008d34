import { describe, expect, it } from "vitest";
import { parseDataFlags } from "../../src/webhook/data-flags.js";
import { htmlFromText } from "../../src/webhook/html.js";
import { mimeTypeOf, sendgridParseForm, withDisplayName } from "../../src/webhook/sendgrid.js";
import { isTwilioSid } from "../../src/webhook/sid.js";
import { twilioSmsForm } from "../../src/webhook/twilio-form.js";

const SMS = { from: "+15551234567", to: "+442079460958", message: "Hello", user: "alice" };

describe("twilioSmsForm", () => {
  it("has the fields Twilio posts for an inbound SMS, with fresh SIDs", () => {
    const form = twilioSmsForm(SMS, { segments: 1 });
    expect(form).toMatchObject({
      From: "+15551234567",
      To: "+442079460958",
      Body: "Hello",
      NumMedia: "0",
      NumSegments: "1",
      SmsStatus: "received",
      ApiVersion: "2010-04-01",
      FromCountry: "US",
      ToCountry: "GB",
      FromCity: "",
      FromState: "",
      FromZip: "",
      ToCity: "",
      ToState: "",
      ToZip: "",
    });
    expect(isTwilioSid(form.MessageSid ?? "", "SM")).toBe(true);
    expect(isTwilioSid(form.AccountSid ?? "", "AC")).toBe(true);
    expect(isTwilioSid(form.MessagingServiceSid ?? "", "MG")).toBe(true);
    expect(form.SmsSid).toBe(form.MessageSid);
    expect(form.SmsMessageSid).toBe(form.MessageSid);
    expect(twilioSmsForm(SMS, { segments: 1 }).MessageSid).not.toBe(form.MessageSid);
  });

  it("lets -d override any field and add new ones", () => {
    const data = parseDataFlags(["FromCity=Berlin", "NumMedia=1", "MediaUrl0=https://x/y?a=b", "FromZip="]);
    const form = twilioSmsForm(SMS, { segments: 2, data });
    expect(form).toMatchObject({
      FromCity: "Berlin",
      NumMedia: "1",
      MediaUrl0: "https://x/y?a=b",
      FromZip: "",
    });
  });

  it("refuses a -d without Key=", () => {
    expect(() => parseDataFlags(["Body"])).toThrow(/--data "Body": expected Key=Value \(no =\)/);
    expect(() => parseDataFlags(["=x"])).toThrow(/no key before =/);
  });
});

describe("sendgridParseForm", () => {
  const email = {
    from: "bob.smith@example.com",
    to: "boss@example.org",
    subject: "Status €",
    body: "All <green>\n\nBye",
    user: "bob",
  };

  it("has the Inbound Parse fields: display name, envelope and charsets JSON, SPF, dkim, html from text", () => {
    const { fields, files } = sendgridParseForm(email, { cc: ["carol@example.com"] });
    expect(fields.from).toBe("Bob Smith <bob.smith@example.com>");
    expect(fields.to).toBe("boss@example.org");
    expect(fields.cc).toBe("carol@example.com");
    expect(JSON.parse(fields.envelope ?? "")).toEqual({
      to: ["boss@example.org", "carol@example.com"],
      from: "bob.smith@example.com",
    });
    expect(JSON.parse(fields.charsets ?? "")).toMatchObject({
      subject: "UTF-8",
      text: "UTF-8",
      from: "UTF-8",
    });
    expect(fields).toMatchObject({
      SPF: "pass",
      dkim: "{@example.com : pass}",
      attachments: "0",
      spam_score: "0.0",
    });
    expect(fields.html).toBe("<html><body><div>All &lt;green&gt;</div>\r\n<div>Bye</div></body></html>\r\n");
    expect(fields.headers).toContain("Subject: =?UTF-8?B?");
    expect(fields.headers).toContain("Cc: carol@example.com");
    expect(files).toEqual([]);
  });

  it("numbers attachments and describes them in attachment-info", () => {
    const { fields, files } = sendgridParseForm(email, {
      attachments: [
        { filename: "report.pdf", content: new Uint8Array([1, 2, 3]) },
        { filename: "notes.bin", content: new Uint8Array([4]) },
      ],
    });
    expect(fields.attachments).toBe("2");
    expect(JSON.parse(fields["attachment-info"] ?? "")).toEqual({
      attachment1: { filename: "report.pdf", name: "report.pdf", type: "application/pdf" },
      attachment2: { filename: "notes.bin", name: "notes.bin", type: "application/octet-stream" },
    });
    expect(files.map((f) => [f.field, f.size])).toEqual([
      ["attachment1", 3],
      ["attachment2", 1],
    ]);
  });

  it("small helpers", () => {
    expect(withDisplayName("x@y.z")).toBe("X <x@y.z>");
    expect(mimeTypeOf("A.PNG")).toBe("image/png");
    expect(htmlFromText("a\nb")).toBe("<html><body><div>a<br>b</div></body></html>\n");
  });
});
