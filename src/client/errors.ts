import { type ErrorCode, XswarmError } from "../protocol/errors.js";

export { ValidationError, XswarmError } from "../protocol/errors.js";

const START_HINT =
  "Start a supervisor: `xswarm-dev supervisor` (embedded), or `cd packages/core && cargo run --bin xswarm`.";

/** The supervisor could not be reached: refused, DNS, or the WebSocket handshake failed. */
export class ConnectionError extends XswarmError {
  readonly url: string;
  constructor(
    url: string,
    detail = "Connection refused",
    options?: { cause?: unknown; code?: ErrorCode; hint?: string },
  ) {
    super(options?.code ?? "connection_refused", `${detail} (${url})`, options?.hint ?? START_HINT, options);
    this.url = url;
  }
}

/** The supervisor rejected the token. Final: the client does not retry. */
export class AuthenticationError extends XswarmError {
  constructor(detail = "Invalid authentication token", maskedToken?: string) {
    const token = maskedToken ? ` (token ${maskedToken})` : "";
    super(
      "auth_failed",
      `Authentication failed: ${detail}${token}`,
      "Check that auth tokens match: SUPERVISOR_TOKEN on the supervisor (default dev-token-12345) and the token given to the client.",
    );
  }
}

/** No answer in time. `phase` says what was waited for. */
export class TimeoutError extends XswarmError {
  readonly phase: "connect" | "auth" | "request" | "ping";
  readonly timeoutMs: number;
  constructor(phase: TimeoutError["phase"], timeoutMs: number) {
    super(
      "timeout",
      `Timed out after ${timeoutMs} ms waiting for the supervisor (${phase})`,
      phase === "auth"
        ? "The WebSocket opened but nothing answered auth, which a supervisor does at once: is the server on this port an xswarm supervisor? Check what listens on that port (lsof -i) and its logs."
        : "The supervisor is up but slow or stuck: check its logs (tail -f logs/supervisor.log), or raise --timeout.",
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The connection closed while a request was in flight. The event was not re-sent. */
export class ConnectionLostError extends XswarmError {
  constructor(detail = "Connection to the supervisor was lost") {
    super(
      "connection_lost",
      `${detail}; the request was not re-sent`,
      "SMS and email events are not idempotent, so they are never re-sent automatically. Send it again once the client is ready.",
    );
  }
}

/**
 * The supervisor closed the connection with 1009: a frame was over its size limit. Final for that
 * event: sending it again fails the same way.
 */
export class FrameTooBigError extends XswarmError {
  readonly frameBytes: number;
  constructor(frameBytes: number) {
    super(
      "frame_too_big",
      `The supervisor refused a frame of ${formatBytes(frameBytes)} as too big (close code 1009); the event was not delivered`,
      "Resending will not help: make the message (or body) smaller. The Rust supervisor and `xswarm-dev supervisor` take up to 64 MiB a message (16 MiB a frame); a proxy may take less.",
    );
    this.frameBytes = frameBytes;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** A send while the client is not ready (and without `waitForReady`), or a full wait queue. */
export class NotConnectedError extends XswarmError {
  constructor(detail = "WebSocket not connected", hint = START_HINT) {
    super("not_connected", detail, hint);
  }
}

/** The supervisor answered `{"type":"error"}`. `supervisorMessage` is its text. */
export class SupervisorError extends XswarmError {
  readonly supervisorMessage: string;
  constructor(supervisorMessage: string) {
    super("supervisor_error", `Supervisor error: ${supervisorMessage}`, hintFor(supervisorMessage));
    this.supervisorMessage = supervisorMessage;
  }
}

/** The supervisor's reply did not fit the protocol (or was not the kind of reply the request expects). */
export class ProtocolError extends XswarmError {
  constructor(detail: string) {
    super(
      "protocol_error",
      `Unexpected reply from the supervisor: ${detail}`,
      "Is the server on this port an xswarm supervisor?",
    );
  }
}

function hintFor(message: string): string | undefined {
  if (message === "Not authenticated") return "Send auth first; check that auth tokens match.";
  if (message.startsWith("Invalid message format"))
    return "The supervisor could not parse the message; see PROTOCOL.md.";
  return undefined;
}
