import { afterEach } from "vitest";
import { SupervisorClient } from "../../src/client/supervisor-client.js";
import type { ConnectionState, ConnectionStatus, SupervisorClientOptions } from "../../src/client/types.js";
import type { ParsedEvent } from "../../src/protocol/parse.js";
import { ProtocolServer, type ProtocolServerOptions } from "../helpers/protocol-server.js";

/**
 * For a client test file (call it at the top level): functions pushed on `cleanup` run after each test,
 * last pushed first; `serverAndClient` starts a ProtocolServer and makes a client for it (heartbeat off
 * unless the options say otherwise), both closed after the test.
 */
export function clientFixtures() {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  return {
    cleanup,
    async serverAndClient(
      clientOptions: SupervisorClientOptions = {},
      serverOptions: ProtocolServerOptions = {},
    ) {
      const server = await ProtocolServer.start(serverOptions);
      const client = new SupervisorClient({ url: server.url, heartbeatIntervalMs: 0, ...clientOptions });
      cleanup.push(
        () => server.stop(),
        () => client.disconnect(),
      );
      return { server, client };
    },
  };
}

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
