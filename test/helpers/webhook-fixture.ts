import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";
import twilio from "twilio";
import { SupervisorClient } from "../../src/client/supervisor-client.js";

/** A Twilio SMS webhook call as the fixture received it, judged by twilio's own validateRequest. */
export interface ReceivedSms {
  path: string;
  params: Record<string, string>;
  signature: string | undefined;
  valid: boolean;
  contentType: string | undefined;
}

/** An Inbound Parse POST as busboy parsed it. */
export interface ReceivedEmail {
  path: string;
  contentType: string | undefined;
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; mimeType: string; content: Buffer }>;
}

export interface WebhookFixtureOptions {
  /** The Twilio auth token the server checks signatures with. */
  authToken: string;
  /** Forward events to this supervisor and wait for its reply, as the Node.js server does. */
  supervisor?: { url: string; token: string };
  /** The xswarm user of `/sms/inbound` and `/email/inbound` (`/sms/:userId` names its own). */
  user?: string;
}

export interface WebhookFixture {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  sms: ReceivedSms[];
  emails: ReceivedEmail[];
  close(): Promise<void>;
}

const SUPERVISOR_WAIT_MS = 10_000;

const xml = (text: string) =>
  text.replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch] ?? ch);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function readMultipart(req: IncomingMessage): Promise<Omit<ReceivedEmail, "path" | "contentType">> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: ReceivedEmail["files"] = [];
    const parser = busboy({ headers: req.headers });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        files.push({
          field,
          filename: info.filename ?? "",
          mimeType: info.mimeType,
          content: Buffer.concat(chunks),
        }),
      );
    });
    parser.on("close", () => resolve({ fields, files }));
    parser.on("error", reject);
    req.pipe(parser);
  });
}

/**
 * A stand-in for the xswarm Node.js webhook server on 127.0.0.1, port 0, that judges with the real
 * libraries: twilio's `validateRequest` for `X-Twilio-Signature` (403 when it fails) and busboy for
 * Inbound Parse's multipart. Routes: `POST /sms/inbound`, `/sms/:userId` (TwiML answer: the
 * supervisor's reply, or `Got: <Body>` without a supervisor), `/email/inbound` (200), and for error
 * tests `/sms/hang` (never answers), `/sms/bad-twiml`, `/sms/open` (accepts anything), `/email/fail` (500).
 */
export async function startWebhookFixture(options: WebhookFixtureOptions): Promise<WebhookFixture> {
  const sms: ReceivedSms[] = [];
  const emails: ReceivedEmail[] = [];
  let client: SupervisorClient | undefined;
  if (options.supervisor) {
    client = new SupervisorClient({
      url: options.supervisor.url,
      authToken: options.supervisor.token,
      requestTimeoutMs: SUPERVISOR_WAIT_MS,
      reconnect: false,
      heartbeatIntervalMs: 0,
    });
    await client.connect();
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`fixture error: ${error.message}`);
    });
  });

  const twimlAnswer = (res: ServerResponse, message: string | undefined) => {
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><Response>${message === undefined ? "" : `<Message>${xml(message)}</Message>`}</Response>`,
    );
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    if (path === "/sms/hang") return; // never answers; the socket closes with the server
    if (path.startsWith("/sms/")) {
      const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const signature = req.headers["x-twilio-signature"] as string | undefined;
      const fullUrl = `http://127.0.0.1:${port}${req.url ?? "/"}`;
      const valid =
        signature !== undefined && twilio.validateRequest(options.authToken, signature, fullUrl, params);
      sms.push({ path, params, signature, valid, contentType: req.headers["content-type"] });
      if (path === "/sms/bad-twiml") {
        res.writeHead(200, { "content-type": "application/xml" }).end("<Response><Message>oops</Response>");
        return;
      }
      if (!valid && path !== "/sms/open") {
        res.writeHead(403, { "content-type": "text/plain" }).end("Twilio signature validation failed");
        return;
      }
      const user =
        path === "/sms/inbound" || path === "/sms/open" ? (options.user ?? "alice") : path.slice(5);
      if (!client) return twimlAnswer(res, `Got: ${params.Body ?? ""}`);
      try {
        const reply = await client.sendSmsEvent({
          from: params.From ?? "",
          to: params.To ?? "",
          message: params.Body ?? "",
          user: decodeURIComponent(user),
        });
        twimlAnswer(res, reply.type === "send_sms_response" ? String(reply.message) : undefined);
      } catch {
        // The Node.js server falls back to local processing; the sender never sees the supervisor's trouble.
        twimlAnswer(res, "Thanks, got your message.");
      }
      return;
    }
    if (path === "/email/inbound" || path === "/email/fail") {
      const parsed = await readMultipart(req);
      emails.push({ path, contentType: req.headers["content-type"], ...parsed });
      if (path === "/email/fail") {
        res.writeHead(500, { "content-type": "text/plain" }).end("boom");
        return;
      }
      if (client) {
        const address = /<([^>]+)>/.exec(parsed.fields.from ?? "")?.[1] ?? parsed.fields.from ?? "";
        await client
          .sendEmailEvent({
            from: address,
            to: parsed.fields.to ?? "",
            subject: parsed.fields.subject ?? "",
            body: parsed.fields.text ?? "",
            user: options.user ?? "alice",
          })
          .catch(() => undefined);
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("OK");
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sms,
    emails,
    close: async () => {
      client?.disconnect();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
