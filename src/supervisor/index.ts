export { CLOSE, DEFAULT_LIMITS, isLoopbackHost, isOriginAllowed } from "./hardening.js";
export { DEFAULT_LOG_FILE } from "./log.js";
export { createAckResponder } from "./responders/ack.js";
export {
  type ClaudeResponderOptions,
  createClaudeResponder,
  DEFAULT_CLAUDE_MODEL,
  DEFAULT_CLAUDE_TIMEOUT_MS,
} from "./responders/claude.js";
export { createEchoResponder } from "./responders/echo.js";
export { createResponder, RESPONDER_NAMES } from "./responders/index.js";
export { startSupervisor } from "./server.js";
export { DEFAULT_TAP_PORT, DEFAULT_UPSTREAM, type StartTapOptions, startTap, type TapHandle } from "./tap.js";
export { TrafficHub, type TrafficHubOptions } from "./traffic-hub.js";
export type * from "./types.js";
