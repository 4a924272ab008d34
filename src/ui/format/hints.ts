import type { SourceStatus } from "../sources/types.js";

/** What the feed says while it has nothing to list. */
export function emptyHint(source: SourceStatus, url: string, filtered: boolean): readonly string[] {
  if (filtered) return ["No event matches the filter. Esc clears it."];
  switch (source.kind) {
    case "replay":
      return source.done ? ["The replay had no events."] : ["Waiting for the first recorded event…"];
    case "own":
      return [
        "No traffic yet on this connection.",
        "This supervisor offers no traffic feed, so only what this dashboard sends shows here.",
        "Press s to send an SMS, e for an email. To see every client, run `xswarm-dev tap` in front of it.",
      ];
    default:
      return [
        "No traffic yet. Press s to send an SMS or e for an email, or from another terminal:",
        `  npx xswarm-dev send-sms "Hello boss" --url ${url}`,
        "Replies show under their request (↳ #n). Press ? for every key.",
      ];
  }
}
