import type { Logger } from "../log.js";
import type { LogRecord, Responder, ResponderName, StartSupervisorOptions } from "../types.js";
import { createAckResponder } from "./ack.js";
import { createClaudeResponder } from "./claude.js";
import { createEchoResponder } from "./echo.js";

export { RESPONDER_NAMES } from "./names.js";

/** What the responder factories receive. */
export interface ResponderOptions {
  /** For the `claude` responder; missing values default from the environment. */
  anthropic?: StartSupervisorOptions["anthropic"];
  log: Logger;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The responder for a name, or the given responder object itself. */
export function createResponder(choice: ResponderName | Responder, options: ResponderOptions): Responder {
  if (typeof choice !== "string") return choice;
  switch (choice) {
    case "ack":
      return createAckResponder();
    case "echo":
      return createEchoResponder();
    case "claude":
      return createClaudeResponder({
        ...options.anthropic,
        env: options.env,
        log: ({ level, msg, time: _time, ...fields }: LogRecord) => options.log[level](msg, fields),
      });
  }
}
