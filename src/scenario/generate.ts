import { stringify } from "yaml";
import { TrafficEntry } from "../protocol/events.js";
import { ScenarioFileError, type ScenarioIssue } from "./errors.js";

type Json = Record<string, unknown>;

/** Fields that change from run to run, never expected by a generated scenario. */
const UNSTABLE = /^(timestamp|time|duration_ms|latency_ms|cost_usd|reminder_id|appointment_id|message_id)$/;

interface Request {
  entry: TrafficEntry;
  reply?: TrafficEntry;
}

/** Reads a `watch --record` / `supervisor --record` file into entries; a bad line is a file:line error. */
export function readRecording(text: string, file: string): TrafficEntry[] {
  const entries: TrafficEntry[] = [];
  const issues: ScenarioIssue[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      issues.push({
        file,
        line: index + 1,
        field: "",
        message: "is not JSON (a record file has one traffic entry per line)",
      });
      return;
    }
    const parsed = TrafficEntry.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else {
      const first = parsed.error.issues[0];
      issues.push({
        file,
        line: index + 1,
        field: first?.path.join(".") ?? "",
        message: first?.message ?? "not a traffic entry",
      });
    }
  });
  if (issues.length > 0) throw new ScenarioFileError(issues);
  if (entries.length === 0)
    throw new ScenarioFileError([{ file, line: 1, field: "", message: "holds no traffic" }]);
  return entries;
}

function expectationOf(reply: Json): Json {
  const expect: Json = { type: reply.type };
  for (const [field, value] of Object.entries(reply)) {
    if (field === "type" || UNSTABLE.test(field)) continue;
    // A format error's detail is serde's wording; the prefix is what the protocol promises.
    if (
      reply.type === "error" &&
      field === "message" &&
      typeof value === "string" &&
      value.startsWith("Invalid message format: ")
    )
      expect[field] = { matches: "^Invalid message format: " };
    else expect[field] = value;
  }
  return expect;
}

function stepOf(request: Request): Json | undefined {
  const frame = request.entry.frame;
  const step: Json = {};
  if (frame === null) {
    if (request.entry.raw === undefined) return undefined; // binary: no reply, nothing to replay
    step.send = request.entry.raw;
  } else if (frame.type === "sms_received") {
    const { type: _, ...rest } = frame;
    step.send_sms = rest;
  } else if (frame.type === "email_received") {
    const { type: _, ...rest } = frame;
    step.send_email = rest;
  } else if (frame.type === "auth") {
    // The record masks tokens: a refused auth replays as a wrong token, an accepted one as the configured one.
    step.auth = request.reply?.frame?.success === false ? { token: "not-the-token" } : {};
  } else step.send = frame;
  if (request.reply?.frame) step.expect = expectationOf(request.reply.frame);
  return step;
}

/**
 * A scenario from a recording: every request of every client connection in order (monitor
 * connections left out), each expecting its recorded reply's type and stable fields.
 */
export function generateScenario(entries: TrafficEntry[], file: string): string {
  const repliesTo = new Map<number, TrafficEntry>();
  for (const entry of entries) if (entry.reply_to !== undefined) repliesTo.set(entry.reply_to, entry);
  const monitors = new Set(
    entries.filter((e) => e.direction === "in" && e.frame?.type === "monitor").map((e) => e.connection_id),
  );
  const requests = entries
    // Connect and disconnect entries are no requests.
    .filter((e) => e.direction === "in" && e.event === undefined && !monitors.has(e.connection_id))
    .map((entry) => ({ entry, reply: repliesTo.get(entry.seq) }));
  const connections = [...new Set(requests.map((r) => r.entry.connection_id))];
  // A connection whose first request is an auth authenticates in its steps; others start authenticated unless they never did.
  const clients: Json = {};
  const steps: Json[] = [];
  for (const id of connections) {
    const own = requests.filter((r) => r.entry.connection_id === id);
    const firstAuth = own.findIndex((r) => r.entry.frame?.type === "auth");
    if (firstAuth === -1) clients[id] = { auth: false };
    else if (firstAuth > 0 || own[firstAuth]?.reply?.frame?.success !== true) clients[id] = { auth: false };
  }
  const skippedAuth = new Set<number>();
  for (const id of connections) {
    if (clients[id] !== undefined) continue;
    const first = requests.find((r) => r.entry.connection_id === id && r.entry.frame?.type === "auth");
    if (first) skippedAuth.add(first.entry.seq);
    clients[id] = {};
  }
  const several = connections.length > 1;
  for (const request of requests) {
    if (skippedAuth.has(request.entry.seq)) continue;
    const step = stepOf(request);
    if (!step) continue;
    steps.push(several ? { client: request.entry.connection_id, ...step } : step);
  }
  const broadcasts = entries.filter(
    (e) => e.direction === "out" && e.reply_to === undefined && !monitors.has(e.connection_id),
  ).length;
  const onlyClient = connections[0] as string;
  const scenario: Json = { name: `recorded session (${file})` };
  if (several) scenario.clients = clients;
  else if ((clients[onlyClient] as Json | undefined)?.auth === false) scenario.auth = false;
  scenario.steps = steps;
  const header = [
    `# Generated by xswarm-dev test --generate ${file}`,
    `# ${steps.length} step${steps.length === 1 ? "" : "s"} from ${connections.length} connection${several ? "s" : ""}; timestamps and ids are not expected.`,
    ...(broadcasts > 0
      ? [
          `# ${broadcasts} broadcast${broadcasts === 1 ? " was" : "s were"} recorded but not expected (add expect_broadcast steps if they matter).`,
        ]
      : []),
  ];
  if (steps.length === 0)
    throw new ScenarioFileError([
      { file, line: 1, field: "", message: "holds no request from a client to replay" },
    ]);
  return `${header.join("\n")}\n${stringify(scenario, { lineWidth: 0 })}`;
}
