export * from "./client/index.js";
export * from "./config/index.js";
export * from "./protocol/index.js";
export * from "./supervisor/index.js";
