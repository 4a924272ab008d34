import { extname } from "node:path";
import type { EmailEventInput } from "../protocol/messages.js";
import { htmlFromText } from "./html.js";
import { type RandomBytes, twilioSid } from "./sid.js";

/** A file for `attachment1`, `attachment2`, ... (`--attach`). */
export interface Attachment {
  filename: string;
  content: Uint8Array;
  /** MIME type; guessed from the file name when absent. */
  type?: string;
}

export interface ParseFormOptions {
  cc?: readonly string[];
  /** The HTML part; made from the text when absent. */
  html?: string;
  attachments?: readonly Attachment[];
  /** `-d Key=Value` overrides of the text fields, applied last. */
  data?: ReadonlyMap<string, string>;
  /** The sending MTA's address (`sender_ip`). */
  senderIp?: string;
  now?: () => Date;
  random?: RandomBytes;
}

/** The text fields of an Inbound Parse POST, and the files that go with them. */
export interface ParseForm {
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; type: string; size: number; content: Uint8Array }>;
}

const TYPES: Record<string, string> = {
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".html": "text/html",
  ".csv": "text/csv",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ics": "text/calendar",
};

/** MIME type of a file name, as a mail client would label the attachment. */
export function mimeTypeOf(filename: string): string {
  return TYPES[extname(filename).toLowerCase()] ?? "application/octet-stream";
}

/** `bob.smith@example.com` → `Bob Smith <bob.smith@example.com>`: the display name mail clients send. */
export function withDisplayName(address: string): string {
  const local = address.slice(0, address.lastIndexOf("@"));
  const name = local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(" ");
  return name ? `${name} <${address}>` : address;
}

// RFC 2047: a header value that is not plain ASCII travels base64-encoded.
const encodedWord = (value: string) =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);

/**
 * The form SendGrid Inbound Parse posts for an email (the default, parsed mode): `headers` as the raw
 * header block, `from` with a display name, `envelope` and `charsets` as JSON, `SPF`/`dkim` passing,
 * `attachments` with `attachment-info`, `html` made from the text unless given; overrides last.
 */
export function sendgridParseForm(input: EmailEventInput, options: ParseFormOptions = {}): ParseForm {
  const now = options.now ?? (() => new Date());
  const from = withDisplayName(input.from);
  const cc = options.cc ?? [];
  const senderIp = options.senderIp ?? "127.0.0.1";
  const id = twilioSid("", options.random);
  const boundary = `000000000000${id.slice(0, 16)}`;
  const headers = [
    `Received: from mail.${domainOf(input.from)} (unknown [${senderIp}]) by mx.sendgrid.net with ESMTP id ${id.slice(0, 22)} for <${input.to}>; ${now().toUTCString()}`,
    "MIME-Version: 1.0",
    `From: ${encodedWord(from)}`,
    `Date: ${now().toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${id}@mail.${domainOf(input.from)}>`,
    `Subject: ${encodedWord(input.subject)}`,
    `To: ${input.to}`,
    ...(cc.length > 0 ? [`Cc: ${cc.join(", ")}`] : []),
    `Content-Type: multipart/${options.attachments?.length ? "mixed" : "alternative"}; boundary="${boundary}"`,
    "",
  ].join("\n");
  const attachments = options.attachments ?? [];
  const files = attachments.map((a, i) => ({
    field: `attachment${i + 1}`,
    filename: a.filename,
    type: a.type ?? mimeTypeOf(a.filename),
    size: a.content.byteLength,
    content: a.content,
  }));
  const info = Object.fromEntries(
    files.map((f) => [f.field, { filename: f.filename, name: f.filename, type: f.type }]),
  );
  const fields: Record<string, string> = {
    headers,
    dkim: `{@${domainOf(input.from)} : pass}`,
    to: input.to,
    ...(cc.length > 0 ? { cc: cc.join(", ") } : {}),
    html: options.html ?? htmlFromText(input.body),
    from,
    text: input.body,
    sender_ip: senderIp,
    envelope: JSON.stringify({ to: [input.to, ...cc], from: input.from }),
    attachments: String(files.length),
    subject: input.subject,
    spam_score: "0.0",
    ...(files.length > 0 ? { "attachment-info": JSON.stringify(info) } : {}),
    charsets: JSON.stringify({
      to: "UTF-8",
      ...(cc.length > 0 ? { cc: "UTF-8" } : {}),
      html: "UTF-8",
      subject: "UTF-8",
      from: "UTF-8",
      text: "UTF-8",
    }),
    SPF: "pass",
  };
  for (const [key, value] of options.data ?? []) fields[key] = value;
  // Mail travels with CRLF line ends, and multipart/form-data turns every line break into CRLF anyway:
  // the record shows what the server receives.
  for (const [key, value] of Object.entries(fields)) fields[key] = value.replace(/\r?\n/g, "\r\n");
  return { fields, files };
}

/** The form as `multipart/form-data`, ready for fetch (which writes the boundary). */
export function toFormData(form: ParseForm): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  for (const file of form.files)
    data.append(file.field, new Blob([file.content], { type: file.type }), file.filename);
  return data;
}
