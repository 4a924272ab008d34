import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { tempDir } from "./run-cli.js";
import { type Json, Peer } from "./ws-peer.js";

/** The last line `xswarm-dev test` prints when every scenario passed (the integration guide's words). */
export const PASSED = "✨ All tests passed! Supervisor integration is working.";

/** A scenario whose second step expects what the echo responder does not send. */
export const FAILING = `name: wrong expectations
steps:
  - send: { type: ping }
    expect: { type: pong }
  - send_sms: { from: "+15551234567", to: "+15557654321", user: alice, message: "Hello boss" }
    expect:
      type: send_sms_response
      user: bob
      message: { contains: "Bye" }
`;
export const PASSING = `name: ping works\nsteps:\n  - send: { type: ping }\n    expect: { type: pong }\n`;

/** A fresh folder holding `files` (name to text). */
export function dirWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Starts an echo-responder supervisor for the file's tests (beforeAll/afterAll); call it at the top level. */
export function sharedEchoSupervisor(token: string): () => SupervisorHandle {
  let supervisor: SupervisorHandle | undefined;
  beforeAll(async () => {
    supervisor = await startSupervisor({ port: 0, token, responder: "echo", logFile: null });
  });
  afterAll(() => supervisor?.close());
  return () => {
    if (!supervisor) throw new Error("the echo supervisor is not started yet (use it inside a test)");
    return supervisor;
  };
}

/**
 * Runs a supervisor with --record to `record` and drives the session the --generate tests replay: an
 * authenticated client (ping, SMS, email, a malformed frame) and an unauthenticated one (an SMS, a
 * wrong token). Returns the reply to the first ping and the recording's text.
 */
export async function recordSession(token: string, record: string): Promise<{ pong: Json; text: string }> {
  const recording = await startSupervisor({ port: 0, token, responder: "echo", logFile: null, record });
  const a = await Peer.authed(recording.url, token);
  const pong = await a.request({ type: "ping" });
  await a.request({
    type: "sms_received",
    from: "+15551234567",
    to: "+15557654321",
    user: "alice",
    message: "Hello boss",
  });
  await a.request({
    type: "email_received",
    from: "bob@example.com",
    to: "boss@example.com",
    subject: "Hi",
    body: "Free at 3?",
    user: "bob",
  });
  await a.request('{"type":"ping",');
  const b = await Peer.open(recording.url);
  await b.request({ type: "sms_received", from: "+1", to: "+2", user: "eve", message: "sneaky" });
  await b.request({ type: "auth", token: "wrong-token" });
  await Promise.all([a.close(), b.close()]);
  await recording.close();
  return { pong, text: readFileSync(record, "utf8") };
}
