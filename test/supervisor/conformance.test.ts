import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthResultEvent,
  ErrorEvent,
  MessageAcknowledgedEvent,
  PongEvent,
  REPLY_TYPES,
} from "../../src/protocol/events.js";
import { RUST_MESSAGE_TYPES } from "../../src/protocol/messages.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { Responder, StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";
import { type Json, Peer } from "../helpers/ws-peer.js";

const TOKEN = "conformance-token-123";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}\+00:00$/;
const sms = (user = "alice", extra: Json = {}) => ({
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "Hello boss",
  user,
  ...extra,
});
const email = (user = "alice") => ({
  type: "email_received",
  from: "alice@example.com",
  to: "boss@example.com",
  subject: "Question",
  body: "Can you help?",
  user,
});
const NO_BODY = JSON.stringify({ ...email(), body: undefined });
const RUST_LIST = RUST_MESSAGE_TYPES.map((t) => `\`${t}\``).join(", ");

let supervisor: SupervisorHandle;
let peers: Peer[];

async function start(responder?: Responder, options: StartSupervisorOptions = {}) {
  supervisor = await startSupervisor({ port: 0, token: TOKEN, logFile: null, responder, ...options });
}
async function open(options: Parameters<typeof Peer.open>[1] = {}) {
  const peer = await Peer.open(supervisor.url, options);
  peers.push(peer);
  return peer;
}

beforeEach(() => {
  peers = [];
});
afterEach(async () => {
  for (const peer of peers) await peer.close();
  await supervisor.close();
});

const expectFormatError = (reply: Json, detail: string) => {
  expect(ErrorEvent.parse(reply)).toEqual({ type: "error", message: `Invalid message format: ${detail}` });
};
const expectNotAuthenticated = (reply: Json) =>
  expect(reply).toEqual({ type: "error", message: "Not authenticated" });
const expectAck = (reply: Json, messageType: "sms" | "email", user = "alice") => {
  const ack = MessageAcknowledgedEvent.parse(reply);
  expect(Object.keys(reply).sort()).toEqual(["message_type", "timestamp", "type", "user"]);
  expect(ack).toMatchObject({ message_type: messageType, user });
  expect(ack.timestamp).toMatch(RFC3339);
};

describe("the dev supervisor on the wire (PROTOCOL.md)", () => {
  // Each expected text is the real-serde oracle's answer (conformance/serde-oracle) to the same frame.
  it("answers a scripted sequence of valid and invalid frames exactly as the Rust server does", async () => {
    await start();
    const peer = await open();
    const script: [Json | string | Buffer, (reply: Json) => void][] = [
      [{ type: "ping" }, (r) => expect(PongEvent.parse(r)).toEqual({ type: "pong" })],
      ["hello", (r) => expectFormatError(r, "expected value at line 1 column 1")],
      [
        '{"type":"sms_received"',
        (r) => expectFormatError(r, "EOF while parsing an object at line 1 column 22"),
      ],
      [
        "[1]",
        (r) =>
          expectFormatError(r, "invalid type: integer `1`, expected variant identifier at line 1 column 2"),
      ],
      ["{}", (r) => expectFormatError(r, "missing field `type` at line 1 column 2")],
      [
        '{"type":"wat"}',
        (r) =>
          expectFormatError(r, `unknown variant \`wat\`, expected one of ${RUST_LIST} at line 1 column 13`),
      ],
      [Buffer.from([1, 2, 3]), () => {}],
      [sms(), expectNotAuthenticated],
      [{ type: "monitor" }, expectNotAuthenticated],
      [{ type: "get_calendar", user_id: "u", period: "today" }, expectNotAuthenticated],
      // Parsing comes first: a malformed message gets the format error even before auth. A field error of
      // the buffered enum carries no position.
      [NO_BODY, (r) => expectFormatError(r, "missing field `body`")],
      [sms("alice", { from: null }), (r) => expectFormatError(r, "invalid type: null, expected a string")],
      [
        sms("alice", { user: 42 }),
        (r) => expectFormatError(r, "invalid type: integer `42`, expected a string"),
      ],
      [
        { type: "auth", token: "wrong" },
        (r) =>
          expect(AuthResultEvent.parse(r)).toEqual({
            type: "auth_result",
            success: false,
            message: "Invalid authentication token",
          }),
      ],
      [sms(), expectNotAuthenticated],
      [
        { type: "auth", token: TOKEN },
        (r) =>
          expect(r).toEqual({ type: "auth_result", success: true, message: "Authenticated successfully" }),
      ],
      [sms("alice", { request_id: "r-1", nested: { x: 1 } }), (r) => expectAck(r, "sms")],
      [email("bob"), (r) => expectAck(r, "email", "bob")],
      [Buffer.from("binary is ignored"), () => {}],
      [{ type: "ping" }, (r) => expect(r).toEqual({ type: "pong" })],
      // `period` is a plain String; the sequence form is serde's too.
      [{ type: "get_calendar", user_id: "u", period: "year" }, (r) => expect(r.type).toBe("error")],
      ['["sms_received","+1","+2","hi","carol"]', (r) => expectAck(r, "sms", "carol")],
      // A failed auth de-authenticates an authenticated connection.
      [{ type: "auth", token: "" }, (r) => expect(r).toMatchObject({ type: "auth_result", success: false })],
      [email(), expectNotAuthenticated],
      [{ type: "ping" }, (r) => expect(r).toEqual({ type: "pong" })],
      [{ type: "auth", token: TOKEN }, (r) => expect(r).toMatchObject({ success: true })],
      [sms(), (r) => expectAck(r, "sms")],
    ];
    for (const [frame, _check] of script) {
      if (Buffer.isBuffer(frame)) peer.sendBinary(frame);
      else peer.send(frame);
    }
    const textFrames = script.filter(([frame]) => !Buffer.isBuffer(frame));
    const replies = await peer.take(textFrames.length);
    textFrames.forEach(([, check], i) => {
      check(replies[i] as Json);
    });
    for (const reply of replies) expect(REPLY_TYPES.has(String(reply.type))).toBe(true);
    // Nothing more: the binary frames got no reply.
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(peer.received).toHaveLength(textFrames.length + 1);
  });

  it("answers ping frames with pong frames and ignores binary frames, as tungstenite does", async () => {
    await start();
    const peer = await open();
    const pongs: string[] = [];
    peer.ws.on("pong", (data) => pongs.push(String(data)));
    peer.ws.ping("are you there");
    peer.sendBinary(Buffer.from('{"type":"ping"}'));
    await vi.waitFor(() => expect(pongs).toEqual(["are you there"]));
    expect(await peer.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(peer.received).toEqual([{ type: "pong" }]);
  });

  it("takes a message of several MiB by default (tungstenite: 64 MiB messages), and --max-payload lowers it", async () => {
    await start();
    const peer = await Peer.authed(supervisor.url, TOKEN);
    peers.push(peer);
    const long = sms("alice", { message: "x".repeat(3 * 1024 * 1024) });
    expectAck(await peer.request(long), "sms");
    await supervisor.close();
    await start(undefined, { limits: { maxPayload: 1000 } });
    const small = await open();
    small.send(long);
    expect((await small.closed).code).toBe(1009);
  });

  it("turns each safety difference off for a faithful run: Origin check, auth deadline, flood limit", async () => {
    await start(undefined, {
      originCheck: false,
      limits: { authTimeoutMs: 0, floodMaxErrors: 0, floodWindowMs: 60_000, sweepIntervalMs: 200 },
    });
    const page = await open({ origin: "https://evil.example" });
    // The server's own ping sweep is the clock: three sweeps, and the silent page is still connected.
    let sweeps = 0;
    page.ws.on("ping", () => {
      sweeps += 1;
    });
    await vi.waitFor(() => expect(sweeps).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    for (let i = 0; i < 300; i++) page.send(`not json ${i}`);
    const replies = await page.take(300);
    expect(replies.every((r) => String(r.message).startsWith("Invalid message format"))).toBe(true);
    expect(await page.request({ type: "auth", token: TOKEN })).toMatchObject({ success: true });
  });

  it("answers 50 pipelined events with 50 replies in order", async () => {
    await start();
    const peer = await open();
    peer.send({ type: "auth", token: TOKEN });
    for (let i = 0; i < 50; i++) peer.send(i % 5 === 4 ? { type: "ping" } : sms(`user-${i}`));
    const [auth, ...replies] = await peer.take(51);
    expect(auth).toMatchObject({ success: true });
    replies.forEach((reply, i) => {
      if (i % 5 === 4) expect(reply).toEqual({ type: "pong" });
      else expectAck(reply, "sms", `user-${i}`);
    });
  });

  it("keeps replies in order when the responder is slow, and connections independent", async () => {
    let release = () => {};
    let heldCalled = () => {};
    const held = new Promise<void>((r) => {
      heldCalled = r;
    });
    const slow: Responder = {
      name: "slow",
      respond: async (message) => {
        if (message.user === "held") {
          heldCalled();
          await new Promise<void>((r) => {
            release = r;
          });
        } else {
          // Later messages are answered sooner, so only the server's queue keeps them in order.
          await new Promise((r) => setTimeout(r, 20 - Number(message.user.split("-")[1] ?? 0)));
        }
        return {
          type: "send_sms_response",
          to: message.from,
          message: `re ${message.user}`,
          user: message.user,
        };
      },
    };
    await start(slow);
    const a = await open();
    const b = await open();
    await a.request({ type: "auth", token: TOKEN });
    await b.request({ type: "auth", token: TOKEN });
    for (let i = 0; i < 10; i++) {
      a.send(sms(`a-${i}`));
      a.send({ type: "ping" });
    }
    const replies = await a.take(20);
    replies.forEach((reply, i) => {
      expect(reply).toEqual(i % 2 ? { type: "pong" } : expect.objectContaining({ user: `a-${i / 2}` }));
    });

    const before = a.received.length;
    a.send(sms("held"));
    a.send({ type: "ping" });
    await held;
    // While `a` waits on its responder, `b` is answered.
    expect(await b.request(sms("b-1"))).toMatchObject({ type: "send_sms_response", user: "b-1" });
    expect(await b.request({ type: "ping" })).toEqual({ type: "pong" });
    expect(a.received.slice(before)).toEqual([]);
    release();
    expect(await a.take(2)).toEqual([expect.objectContaining({ user: "held" }), { type: "pong" }]);
  });
});
