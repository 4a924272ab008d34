export { backoffDelay } from "./backoff.js";
export * from "./errors.js";
export {
  type FallbackOptions,
  type FallbackReason,
  type FallbackResult,
  withSupervisorFallback,
} from "./fallback.js";
export { getSupervisorClient, resetSupervisorClient, type SharedClientOptions } from "./shared.js";
export { SupervisorClient } from "./supervisor-client.js";
export * from "./types.js";
