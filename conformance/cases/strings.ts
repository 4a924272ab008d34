import type { Case } from "./case.js";
import { AUTH_OK } from "./spec.js";

/**
 * Characters that Rust's `Debug` for str escapes, or not: serde quotes a string of the wrong type
 * with it (`invalid type: string "…"`), while `unknown variant` shows the string as it is.
 */
const CHARACTERS: [string, string][] = [
  ["apostrophe", "'"],
  ["del", "\u007f"],
  ["next-line", "\u0085"],
  ["nbsp", "\u00a0"],
  ["soft-hyphen", "\u00ad"],
  ["combining-acute-alone", "\u0301"],
  ["combining-acute-after-e", "e\u0301"],
  ["unassigned", "\u0378"],
  ["arabic-number-sign", "\u0600"],
  ["arabic-letter-mark", "\u061c"],
  ["ogham-space", "\u1680"],
  ["zero-width-space", "\u200b"],
  ["zero-width-joiner", "a\u200db"],
  ["line-separator", "\u2028"],
  ["paragraph-separator", "\u2029"],
  ["ideographic-space", "\u3000"],
  ["private-use", "\ue000"],
  ["bom", "\ufeff"],
  ["interlinear-annotation", "\ufff9"],
  ["replacement-char", "\ufffd"],
  ["noncharacter-fffe", "\ufffe"],
  ["emoji", "\u{1f600}"],
  ["emoji-zwj-sequence", "\u{1f469}\u200d\u{1f4bb}"],
  ["musical-format", "\u{1d173}"],
  ["language-tag", "\u{e0001}"],
  ["plane-15-private", "\u{f0000}"],
  ["last-code-point", "\u{10ffff}"],
  ["escaped-controls", "\u0001\u0008\u000b\u001b"],
];

function stringLiteral(s: string): string {
  return JSON.stringify(s);
}

/** Each character quoted by serde three ways: as a wrong-type field, as the whole frame, as a tag. */
export function stringCases(): Case[] {
  return CHARACTERS.flatMap(([kind, s]) => [
    {
      id: `strings/${kind}/wrong-type-field`,
      frames: [
        AUTH_OK,
        `{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":${stringLiteral(`x${s}y`)}}`,
      ],
    },
    { id: `strings/${kind}/whole-frame`, frames: [stringLiteral(s)] },
    { id: `strings/${kind}/unknown-tag`, frames: [`{"type":${stringLiteral(s)}}`] },
    {
      id: `strings/${kind}/echoed`,
      frames: [AUTH_OK, JSON.stringify({ type: "sms_received", from: "a", to: "b", message: "m", user: s })],
    },
  ]);
}
