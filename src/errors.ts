/**
 * The one table of error codes: every `XswarmError.code`, what it means and the exit code it ends a
 * command with. `--json` errors carry the same codes; `--help`'s exit-code blocks are built from
 * {@link EXIT} and {@link EXIT_MEANING}, so the help and the behaviour cannot disagree.
 */

/** Exit codes by name, as documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  connect: 3,
  auth: 4,
  timeout: 5,
  lost: 6,
  interrupted: 130,
} as const;

export type ExitName = keyof typeof EXIT;

/** What each exit code means in general; a command may word one more precisely in its `--help`. */
export const EXIT_MEANING: Record<ExitName, string> = {
  ok: "ok",
  failure: "the supervisor answered `error`, or another failure",
  usage: "bad usage or invalid input; nothing was sent",
  connect: "could not connect (refused, DNS, handshake)",
  auth: "authentication failed",
  timeout: "timed out waiting for the reply",
  lost: "the connection was lost after it was made: an event may have reached the supervisor; it is not re-sent",
  interrupted: "interrupted by Ctrl-C (SIGINT) before the run finished",
};

interface ErrorCodeInfo {
  readonly exit: ExitName;
  /** One line: what went wrong, for the docs and for readers of `--json`. */
  readonly means: string;
}

/** Every error code xswarm-dev raises, with its exit code and wording. Add a code here first. */
export const ERROR_CODES = {
  invalid_input: { exit: "usage", means: "an option, argument or event field is invalid" },
  config_error: { exit: "usage", means: "a configuration file or value cannot be used" },
  invalid_scenario: { exit: "usage", means: "a scenario or record file is invalid; nothing was sent" },
  remote_not_allowed: { exit: "usage", means: "a non-loopback --host without --allow-remote" },
  weak_token: { exit: "usage", means: "--allow-remote with the default dev token" },
  supervisor_error: { exit: "failure", means: "the supervisor answered `error`" },
  protocol_error: { exit: "failure", means: "the reply did not fit the protocol" },
  frame_too_big: { exit: "failure", means: "the supervisor refused a frame over its size limit (1009)" },
  webhook_status: { exit: "failure", means: "the webhook answered with a status other than 2xx" },
  twiml_error: { exit: "failure", means: "the webhook's TwiML would fail at Twilio (parse, root, verb)" },
  scenario_failed: { exit: "failure", means: "a scenario's expectation did not hold" },
  port_in_use: { exit: "failure", means: "the port to listen on is taken" },
  port_denied: { exit: "failure", means: "not allowed to listen on the port (below 1024)" },
  bad_host: { exit: "failure", means: "no such local address to listen on" },
  listen_failed: { exit: "failure", means: "another error while starting to listen" },
  internal_error: { exit: "failure", means: "an unexpected failure (a bug: --verbose shows the stack)" },
  connection_refused: { exit: "connect", means: "nothing listens at the supervisor (or --webhook) URL" },
  dns_failed: { exit: "connect", means: "the supervisor's (or webhook's) host name does not resolve" },
  invalid_url: { exit: "connect", means: "the supervisor URL cannot be parsed" },
  connection_reset: { exit: "connect", means: "the connection was reset while connecting" },
  connection_failed: { exit: "connect", means: "another error while connecting" },
  handshake_failed: { exit: "connect", means: "the server answered the WebSocket upgrade with plain HTTP" },
  handshake_timeout: { exit: "connect", means: "TCP connected but the WebSocket handshake got no answer" },
  connection_closed: { exit: "connect", means: "the server closed the connection before authentication" },
  connection_lost: { exit: "lost", means: "the connection closed while a request was in flight" },
  tls_mismatch: { exit: "connect", means: "a wss:// URL for a server that speaks plain ws://" },
  not_supervisor: { exit: "connect", means: "a WebSocket server that is not a supervisor answered auth" },
  not_connected: { exit: "connect", means: "the client was not connected" },
  auth_failed: { exit: "auth", means: "the supervisor rejected the token" },
  timeout: { exit: "timeout", means: "no answer in time" },
  interrupted: { exit: "interrupted", means: "stopped by Ctrl-C before the run finished" },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A stable error code: the `code` of every XswarmError and of `--json` errors. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The exit code an error code ends a command with. */
export function exitCodeOf(code: ErrorCode): number {
  return EXIT[ERROR_CODES[code].exit];
}

/** Whether a string is one of the table's codes (for codes read back from JSON). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * An `Exit codes:` block for `--help`: the numbers come from {@link EXIT}, the wording from
 * {@link EXIT_MEANING} unless the command words a code itself. Only the codes listed are shown.
 */
export function exitCodesHelp(codes: Partial<Record<ExitName, string | true>>): string {
  const names = (Object.keys(codes) as ExitName[]).sort((a, b) => EXIT[a] - EXIT[b]);
  const width = Math.max(...names.map((name) => String(EXIT[name]).length));
  const lines = names.map((name) => {
    const wording = codes[name] === true ? EXIT_MEANING[name] : (codes[name] as string);
    // Numbers right-aligned; continuation lines start under the wording.
    const indented = wording.replaceAll("\n", `\n${" ".repeat(width + 4)}`);
    return `  ${String(EXIT[name]).padStart(width)}  ${indented}`;
  });
  return `\nExit codes:\n${lines.join("\n")}`;
}
