import type { Scenario, Step } from "./types.js";

/** The file name built-in scenarios report as. */
export const BUILTIN_FILE = "built-in";

/** What `xswarm-dev test` prints after the built-in suite passed (the original guide's words). */
export const BUILTIN_PASSED = "✨ All tests passed! Supervisor integration is working.";

/** `${name}`, written so that it is not mistaken for a template literal. */
const variable = (name: string) => ["$", "{", name, "}"].join("");
const I = variable("i");

const SMS = { from: "+15551234567", to: "+15557654321", user: "alice", message: "Hello boss" };
const EMAIL = {
  from: "bob@example.com",
  to: "boss@example.com",
  subject: "Hi",
  body: "Free at 3?",
  user: "bob",
};

function step(action: Step["action"], payload: unknown, rest: Partial<Step> = {}): Step {
  return { action, payload, line: 0, client: "default", repeat: 1, concurrent: false, ...rest } as Step;
}

function scenario(name: string, steps: Step[], auth = true): Scenario {
  return { name, file: BUILTIN_FILE, line: 0, auth, clients: {}, steps };
}

/**
 * The integration suite that runs when no file is given: what the original
 * `scripts/test-supervisor-integration.js` checked, for any responder.
 */
export function builtinScenarios(): Scenario[] {
  return [
    scenario(
      "authentication succeeds with the token",
      [
        step(
          "auth",
          {},
          { expect: { type: "auth_result", success: true, message: "Authenticated successfully" } },
        ),
      ],
      false,
    ),
    scenario(
      "a wrong token is refused",
      [
        step(
          "auth",
          { token: "not-the-token" },
          {
            expect: { type: "auth_result", success: false, message: "Invalid authentication token" },
          },
        ),
      ],
      false,
    ),
    scenario("ping gets pong", [step("send", { type: "ping" }, { expect: { type: "pong" } })]),
    scenario("SMS gets an answer", [
      step("send_sms", SMS, {
        expect: { type: ["message_acknowledged", "send_sms_response"], user: "alice" },
      }),
    ]),
    scenario("email gets an answer", [
      step("send_email", EMAIL, {
        expect: { type: ["message_acknowledged", "send_email_response"], user: "bob" },
      }),
    ]),
    scenario(
      "not authenticated: SMS is refused, ping still answered",
      [
        step("send", { type: "ping" }, { expect: { type: "pong" } }),
        step("send_sms", SMS, { expect: { type: "error", message: "Not authenticated" } }),
      ],
      false,
    ),
    scenario("a malformed frame gets a format error and the connection stays open", [
      step("send", '{"type":"sms_received"', {
        expect: { type: "error", message: { matches: "^Invalid message format: " } },
      }),
      step("send", { type: "ping" }, { expect: { type: "pong" } }),
    ]),
    scenario("20 concurrent SMS are answered in order", [
      step(
        "send_sms",
        { ...SMS, user: `user${I}`, message: `message ${I}` },
        {
          repeat: 20,
          concurrent: true,
          expect: { type: ["message_acknowledged", "send_sms_response"], user: `user${I}` },
        },
      ),
    ]),
  ];
}
