import { maskToken } from "../config/mask.js";
import type { TrafficEntry } from "../protocol/events.js";

const MASKED = /^.{0,4}….{0,3}$/;
const RAW_TOKEN = /("token"\s*:\s*")((?:[^"\\]|\\.)*)"/g;

/**
 * Masks the token of an `auth` frame, so that neither the screen, the `--json` output nor a `--record`
 * file shows it. Other entries are returned as they are.
 */
export function redactEntry(entry: TrafficEntry): TrafficEntry {
  if (entry.raw?.includes("token")) {
    return {
      ...entry,
      raw: entry.raw.replace(RAW_TOKEN, (_m, head: string, token: string) => `${head}${maskToken(token)}"`),
    };
  }
  const frame = entry.frame;
  if (frame?.type !== "auth" || typeof frame.token !== "string" || MASKED.test(frame.token)) return entry;
  return { ...entry, frame: { ...frame, token: maskToken(frame.token) } };
}
