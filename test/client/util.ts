import type { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ConnectionState, ConnectionStatus } from "../../src/client/types.js";
import type { ParsedEvent } from "../../src/protocol/parse.js";

/** Resolves with the client's state once it is (or next becomes) `status`, and matches `where` if given. */
export function waitForState<S extends ConnectionStatus>(
  client: SupervisorClient,
  status: S,
  where: (state: Extract<ConnectionState, { status: S }>) => boolean = () => true,
): Promise<Extract<ConnectionState, { status: S }>> {
  type Match = Extract<ConnectionState, { status: S }>;
  const matches = (s: ConnectionState): s is Match => s.status === status && where(s as Match);
  const now = client.state;
  if (matches(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const listener = (s: ConnectionState) => {
      if (!matches(s)) return;
      client.off("state", listener);
      resolve(s);
    };
    client.on("state", listener);
  });
}

/** Records every state and event the client emits. */
export function record(client: SupervisorClient): { states: ConnectionState[]; events: ParsedEvent[] } {
  const log = { states: [] as ConnectionState[], events: [] as ParsedEvent[] };
  client.on("state", (s) => log.states.push(s));
  client.on("event", (e) => log.events.push(e));
  return log;
}

/** A promise with its resolve function, to hold a server reply until the test says so. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export const SMS = { from: "+15551234567", to: "+15559876543", message: "Hello Boss!", user: "alice" };
export const EMAIL = {
  from: "user@example.com",
  to: "boss@example.com",
  subject: "Question",
  body: "Can you help?",
  user: "alice",
};
