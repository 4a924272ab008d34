import { authStates, type Case } from "./case.js";
import { AUTH_BAD, AUTH_OK, TOKEN } from "./spec.js";

const SMS = JSON.stringify({
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "Hi",
  user: "alice",
});
const suggestion = (priority?: string) =>
  JSON.stringify(
    priority === undefined
      ? { type: "inject_suggestion", text: "Say hi" }
      : { type: "inject_suggestion", text: "Say hi", priority },
  );
const HIGH = suggestion("high");

/** The examples issue 8 gives, each followed by a message that shows the auth state it left. */
export function issueCases(): Case[] {
  const cases: [string, string[]][] = [
    ["duplicate-token", ['{"type":"auth","token":"x","token":"dev-token-12345"}', SMS]],
    ["sequence-auth", ['["auth","dev-token-12345"]', SMS]],
    ["missing-token-no-position", ['{"type":"auth"}', SMS]],
    ["unknown-variant-order", ['{"type":"hello"}']],
    [
      "float-for-i32",
      ['{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":1.0}'],
    ],
    ["exp-for-i32", ['{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":1e2}']],
    [
      "priority-out-of-i32",
      ['{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":2147483648}'],
    ],
    ["period-year", ['{"type":"get_calendar","user_id":"u","period":"year"}']],
    ["array-200-deep", [`{"type":"ping","x":${"[".repeat(200)}${"]".repeat(200)}}`]],
    ["lone-surrogate", ['{"type":"auth","token":"\\ud800"}']],
    ["1e400", ['{"type":"ping","n":1e400}']],
    ["eof-object", ['{"type":"auth","token":"x"']],
    ["eof-string", ['{"type":"auth","token":"x']],
    ["eof-list", ['["auth"']],
    ["inject-normal", [suggestion()]],
    ["inject-high", [HIGH]],
    ["synthesize", ['{"type":"synthesize_text","text":"Hello"}']],
    [
      "claude-code-connect",
      ['{"type":"claude_code_connect","session_id":"s","project_path":"/p","user_id":"u"}'],
    ],
    ["claude-code-message", ['{"type":"claude_code_message","session_id":"s","message":"m"}']],
    ["claude-code-disconnect", ['{"type":"claude_code_disconnect","session_id":"s"}']],
    ["schedule-appointment", ['{"type":"schedule_appointment","user_id":"u","text":"lunch"}']],
    ["schedule-reminder", ['{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d"}']],
    ["get-calendar", ['{"type":"get_calendar","user_id":"u","period":"today"}']],
  ];
  return cases.flatMap(([kind, frames]) => authStates(`issue/${kind}`, frames, true));
}

/** How the per-connection auth flag moves. */
export function authCases(): Case[] {
  const auth = (token: unknown) => JSON.stringify({ type: "auth", token });
  const cases: [string, string[]][] = [
    ["ok-then-sms", [AUTH_OK, SMS]],
    ["bad-then-sms", [AUTH_BAD, SMS]],
    ["ok-bad-sms", [AUTH_OK, AUTH_BAD, SMS]],
    ["ok-bad-ok-sms", [AUTH_OK, AUTH_BAD, AUTH_OK, SMS]],
    ["sms-ok-sms", [SMS, AUTH_OK, SMS]],
    ["ping-before-auth", ['{"type":"ping"}', SMS]],
    ["format-error-keeps-auth", [AUTH_OK, "{", SMS]],
    ["missing-token-keeps-auth", [AUTH_OK, '{"type":"auth"}', SMS]],
    ["null-token-keeps-auth", [AUTH_OK, auth(null), SMS]],
    ["empty-token", [auth(""), SMS]],
    ["token-trailing-space", [auth(`${TOKEN} `), SMS]],
    ["token-upper", [auth(TOKEN.toUpperCase()), SMS]],
    ["token-prefix", [auth(TOKEN.slice(0, -1)), SMS]],
    ["token-escaped", ['{"type":"auth","token":"dev\\u002dtoken-12345"}', SMS]],
    ["token-bom", [auth(`\ufeff${TOKEN}`), SMS]],
    ["token-number", ['{"type":"auth","token":12345}', SMS]],
    ["token-array", ['{"type":"auth","token":["dev-token-12345"]}', SMS]],
    ["sequence-bad-token", ['["auth","nope"]', SMS]],
    ["sequence-ok-then-bad", ['["auth","dev-token-12345"]', '["auth","nope"]', SMS]],
    ["twice-ok", [AUTH_OK, AUTH_OK, SMS]],
    ["many-messages", [AUTH_OK, SMS, '{"type":"ping"}', SMS, "oops", SMS, AUTH_BAD, SMS, '{"type":"ping"}']],
  ];
  return cases.map(([kind, frames]) => ({ id: `auth/${kind}`, frames }));
}

/** The suggestion rate limit (all at the server's start time) and the queue of 5 that never drains. */
export function suggestionCases(): Case[] {
  const cases: [string, string[]][] = [
    ["normal-at-start", [AUTH_OK, suggestion("normal")]],
    ["low-at-start", [AUTH_OK, suggestion("low")]],
    ["default-at-start", [AUTH_OK, suggestion()]],
    ["high-at-start", [AUTH_OK, HIGH]],
    ["high-seven", [AUTH_OK, ...Array(7).fill(HIGH)]],
    ["high-five-then-normal", [AUTH_OK, ...Array(5).fill(HIGH), suggestion("normal")]],
    ["mixed", [AUTH_OK, HIGH, suggestion(), HIGH, suggestion("low"), HIGH, HIGH, HIGH, HIGH]],
    ["before-auth", [HIGH, AUTH_OK, HIGH]],
    ["sequence-high", [AUTH_OK, '["inject_suggestion","from a list","high"]']],
    ["sequence-default", [AUTH_OK, '["inject_suggestion","from a list"]']],
    ["bad-priority-is-no-attempt", [AUTH_OK, suggestion("urgent"), HIGH, HIGH, HIGH, HIGH, HIGH, HIGH]],
    [
      "text-echoed",
      [
        AUTH_OK,
        JSON.stringify({ type: "inject_suggestion", text: 'héllo "q" \\ \n 😀 \u0001', priority: "high" }),
      ],
    ],
  ];
  return cases.map(([kind, frames]) => ({ id: `suggestion/${kind}`, frames }));
}

/** A frame over the dev server's old 1 MiB limit; Rust takes frames up to 16 MiB. */
export function largeCases(): Case[] {
  const big = JSON.stringify({
    type: "sms_received",
    from: "a",
    to: "b",
    message: "x".repeat(1_100_000),
    user: "u",
  });
  return [{ id: "large/sms-1.1MB/after-auth", frames: [AUTH_OK, big] }];
}
