import type { ResponderName } from "../types.js";

/** The built-in responders, by name (`--responder`). A file of its own: the CLI reads it at start-up. */
export const RESPONDER_NAMES: readonly ResponderName[] = ["ack", "echo", "claude"];
