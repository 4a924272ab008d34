import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN,
  DEFAULT_URL,
} from "../../config/types.js";
import type { LoadOptions } from "../../send/inputs.js";
import { RESPONDER_NAMES } from "../../supervisor/responders/names.js";
import type { ResponderName } from "../../supervisor/types.js";
import { type OptionValues, option } from "./define.js";
import { flag, oneOf, path, port, positiveNumber, text, wholeNumber } from "./values.js";

// Options more than one command takes, declared once. A command spreads the ones it takes into its
// own set, and may give one a command-specific description: `{ ...verbose, description: "…" }`.

/** `--url`: the supervisor to talk to. Checked by loadConfig, since SUPERVISOR_URL may give it too. */
export const url = option({
  flags: "--url <url>",
  description: "supervisor WebSocket URL",
  schema: text(),
  defaultText: `SUPERVISOR_URL, else ${DEFAULT_URL}`,
});

export const token = option({
  flags: "--token <token>",
  description: "auth token",
  schema: text(),
  defaultText: `SUPERVISOR_TOKEN, else ${DEFAULT_TOKEN}`,
});

/** `--timeout`: a string here, checked by loadConfig together with XSWARM_TIMEOUT_MS. */
export const timeout = option({
  flags: "--timeout <ms>",
  description: "how long to wait for each reply, in ms",
  schema: text(),
  defaultText: String(DEFAULT_TIMEOUT_MS),
});

export const json = option({
  flags: "--json",
  description: "print one JSON document on stdout; human messages go to stderr",
  schema: flag(),
  default: false,
});

export const envFile = option({
  flags: "--env-file <path>",
  description: "read configuration from this file too (above .env.local and .env)",
  schema: path(),
});

export const verbose = option({
  flags: "--verbose",
  description: "print stack traces and protocol detail",
  schema: flag(),
  default: false,
});

/** What every command that talks to a supervisor takes. */
export const CONNECTION_OPTIONS = { url, token, timeout, json, envFile, verbose } as const;

/** Where a server we start listens. */
export const host = option({
  flags: "--host <host>",
  description: "address to listen on",
  schema: text(),
  default: DEFAULT_HOST,
});

export const listenPort = option({
  flags: "--port <port>",
  description: "port to listen on; 0 picks a free one",
  schema: port(),
  default: DEFAULT_PORT,
});

export const responder = option({
  flags: "--responder <name>",
  description: "how SMS and email are answered",
  schema: oneOf<ResponderName>(RESPONDER_NAMES),
  choices: RESPONDER_NAMES,
  default: "ack" as ResponderName,
});

export const broadcastDemo = option({
  flags: "--broadcast-demo",
  description: "send PROTOCOL.md's broadcast events every few seconds",
  schema: flag(),
  default: false,
});

export const record = option({
  flags: "--record <file>",
  description: "write the traffic feed to this JSON-lines file",
  schema: path(),
});

export const allowRemote = option({
  flags: "--allow-remote",
  description: "allow a --host other machines can reach (needs a token other than the dev default)",
  schema: flag(),
  default: false,
});

const DEFAULT_CONCURRENCY = 1;

/** Load mode of the send commands. */
export const LOAD_OPTIONS = {
  count: option({
    flags: "--count <n>",
    description: "load mode: send the event n times over one connection",
    schema: wholeNumber(1, 1_000_000),
  }),
  concurrency: option({
    flags: "--concurrency <c>",
    description: "load mode: at most c events in flight",
    schema: wholeNumber(1, 10_000),
    defaultText: String(DEFAULT_CONCURRENCY),
  }),
  rate: option({
    flags: "--rate <r>",
    description: "load mode: at most r events a second",
    schema: positiveNumber("a number of events a second"),
    defaultText: "no limit",
  }),
  reconnect: option({
    flags: "--reconnect",
    description:
      "load mode: when the connection is lost, wait for the reconnect and go on (default: stop there)",
    schema: flag(),
    default: false,
  }),
} as const;

/** Load mode when any of its options is given (a single event with only --rate or --concurrency). */
export function loadOptions(values: OptionValues<typeof LOAD_OPTIONS>): LoadOptions | undefined {
  const { count, concurrency, rate } = values;
  if (count === undefined && concurrency === undefined && rate === undefined) return undefined;
  return { count: count ?? 1, concurrency: Math.min(concurrency ?? DEFAULT_CONCURRENCY, count ?? 1), rate };
}
