export { DEMO_IDENTITY, describeDemoFill, type IdentityKey, withDemoIdentity } from "./demo.js";
export { ConfigError } from "./errors.js";
export { CONFIG_VARIABLES, loadConfig } from "./load-config.js";
export { maskToken } from "./mask.js";
export * from "./types.js";
export { checkSupervisorUrl, type UrlCheck } from "./validate.js";
