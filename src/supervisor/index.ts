export { CLOSE, DEFAULT_LIMITS, isLoopbackHost, isOriginAllowed } from "./hardening.js";
export { DEFAULT_LOG_FILE } from "./log.js";
export { createResponder, RESPONDER_NAMES } from "./responders/index.js";
export { startSupervisor } from "./server.js";
export { DEFAULT_TAP_PORT, DEFAULT_UPSTREAM, type StartTapOptions, startTap, type TapHandle } from "./tap.js";
export { TrafficHub, type TrafficHubOptions } from "./traffic-hub.js";
export type * from "./types.js";
