import type { TrafficEntry } from "../protocol/events.js";
import { parseFrame } from "./frame-text.js";
import type { Secrets } from "./secrets.js";
import { isoTime } from "./time.js";

type JsonObject = Record<string, unknown>;

/** Longest `raw` text kept for a frame that is not a JSON object. */
export const RAW_LIMIT = 1000;

const isAuth = (frame: JsonObject | null): frame is JsonObject =>
  typeof frame?.type === "string" && frame.type.toLowerCase() === "auth";

/** A text frame's entry with every secret masked: the raw text before it is cut, the frame's strings. */
export function textEntry(
  secrets: Secrets,
  seq: number,
  connectionId: string,
  direction: "in" | "out",
  at: number,
  text: string,
  frame: JsonObject | undefined,
  found: readonly string[],
): TrafficEntry {
  const parsed = frame ?? parseFrame(text);
  const entry: TrafficEntry = {
    seq,
    connection_id: connectionId,
    direction,
    time: isoTime(at),
    frame: parsed,
  };
  // A well-formed auth's token is masked however long the frame (candidates come from its first 8 KiB).
  const token = direction === "in" && isAuth(parsed) ? parsed.token : undefined;
  const candidates = typeof token === "string" && !found.includes(token) ? [...found, token] : found;
  if (!parsed) {
    const raw = secrets.empty && candidates.length === 0 ? text : secrets.scrub(text, candidates);
    entry.raw = raw.length > RAW_LIMIT ? raw.slice(0, RAW_LIMIT) : raw;
  } else if (candidates.length > 0 || holdsSecret(secrets, text, parsed)) {
    entry.frame = secrets.scrubValue(parsed, candidates) as JsonObject;
  }
  return entry;
}

function holdsSecret(secrets: Secrets, text: string, frame: JsonObject): boolean {
  if (secrets.empty) return false;
  // A token spelled with \u escapes is found in the frame's own serialisation, which has none.
  return secrets.foundIn(text.includes("\\u") ? JSON.stringify(frame) : text);
}

/** Nothing a peer sends may stop the server: a frame that cannot be serialised is shown as its raw text. */
export function serialise(secrets: Secrets, entry: TrafficEntry, text: string): string {
  try {
    return JSON.stringify(entry);
  } catch {
    entry.frame = null;
    const raw = secrets.scrub(text);
    entry.raw = raw.length > RAW_LIMIT ? raw.slice(0, RAW_LIMIT) : raw;
    return JSON.stringify(entry);
  }
}

export function binaryEntry(
  seq: number,
  connectionId: string,
  direction: "in" | "out",
  at: number,
  bytes: number,
): TrafficEntry {
  return { seq, connection_id: connectionId, direction, time: isoTime(at), frame: null, binary_bytes: bytes };
}

export function linkEntry(
  seq: number,
  connectionId: string,
  at: number,
  event: "open" | "close",
): TrafficEntry {
  return { seq, connection_id: connectionId, direction: "in", time: isoTime(at), frame: null, event };
}

/** A socket's peer as `ip:port` (`[ip]:port` for IPv6), or undefined once it is gone. */
export function peerAddress(socket: { remoteAddress?: string; remotePort?: number }): string | undefined {
  const ip = socket.remoteAddress;
  if (!ip) return undefined;
  const host = ip.includes(":") ? `[${ip}]` : ip;
  return socket.remotePort === undefined ? host : `${host}:${socket.remotePort}`;
}
