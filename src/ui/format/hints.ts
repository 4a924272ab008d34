import type { ConnectionState } from "../../client/types.js";
import type { SourceStatus } from "../../watch/types.js";

export interface HintContext {
  source: SourceStatus;
  connection: ConnectionState | undefined;
  url: string;
  /** Events exist but the filter hides them all. */
  filteredOut: boolean;
  /** An SMS or email has been seen: the newcomer's hint has done its job. */
  messagesSeen: boolean;
  /** Columns the hint has: the command is laid out in lines that fit. */
  width?: number;
}

/** Packs shell words into lines of at most `width` columns, continued with ` \\`, indented by two. */
export function commandLines(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line === "" ? `  ${word}` : `${line} ${word}`;
    if (line !== "" && next.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `    ${word}`;
    } else line = next;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** What the feed says under its events (or alone): how to start, or why nothing shows. */
export function feedHint({
  source,
  connection,
  url,
  filteredOut,
  messagesSeen,
  width = 80,
}: HintContext): readonly string[] {
  if (filteredOut) return ["No event matches the filter. Esc clears it."];
  if (connection?.status === "auth_failed")
    return [
      "The supervisor refused the token. The tokens must match on both sides:",
      "SUPERVISOR_TOKEN (or --token) here and on the supervisor. Press r to try again.",
    ];
  if (source.kind === "pending" && (connection?.status === "reconnecting" || connection?.status === "closed"))
    return [
      `No supervisor answers at ${url} yet; this dashboard keeps trying.`,
      "Start one with `xswarm-dev supervisor` (or `cargo run --bin xswarm` in packages/core),",
      "or run `xswarm-dev watch --embedded` for a supervisor inside the dashboard.",
    ];
  if (messagesSeen) return [];
  switch (source.kind) {
    case "replay":
      return source.done ? [] : ["Waiting for the recorded events…"];
    case "own":
      return [
        "No SMS or email yet. This supervisor has no traffic feed, so only what this",
        "dashboard sends (s: an SMS, e: an email) shows here. To see every client's",
        "traffic, put `xswarm-dev tap` in front of it and watch the tap.",
      ];
    default:
      return [
        "Press s to send an SMS or e an email (? lists every key). From another terminal:",
        ...commandLines(
          [
            "npx xswarm-dev send-sms",
            '"Hello boss"',
            "--from +15555550100",
            "--to +15555550199",
            "--user alice",
            `--url ${url}`,
          ],
          width,
        ),
        "Each reply shows under its request as ↳ #n, with its latency.",
      ];
  }
}
