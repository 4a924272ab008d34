export * from "./client/index.js";
export * from "./config/index.js";
export { ERROR_CODES, type ErrorCode, EXIT, exitCodeOf } from "./errors.js";
export * from "./protocol/index.js";
export * from "./supervisor/index.js";
