import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { TrafficEntry } from "../../src/protocol/events.js";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { StartSupervisorOptions, SupervisorHandle } from "../../src/supervisor/types.js";

export const TOKEN = "e2e-secret-token-4242";

/** An embedded supervisor on a free port, with every frame it received kept in `received`. */
export interface RecordingSupervisor {
  handle: SupervisorHandle;
  url: string;
  /** Client -> supervisor frames, in order. */
  received: Array<{ connection: string; frame: Record<string, unknown> }>;
  /** The frames of one type. */
  ofType(type: string): Array<Record<string, unknown>>;
}

export async function recordingSupervisor(
  options: StartSupervisorOptions = {},
): Promise<RecordingSupervisor> {
  const handle = await startSupervisor({ port: 0, token: TOKEN, logFile: null, ...options });
  const received: RecordingSupervisor["received"] = [];
  handle.feed.subscribe((entry: TrafficEntry) => {
    if (entry.direction === "in" && entry.frame)
      received.push({ connection: entry.connection_id, frame: entry.frame });
  });
  return {
    handle,
    url: handle.url,
    received,
    ofType: (type) => received.filter((r) => r.frame.type === type).map((r) => r.frame),
  };
}

/** The `--url` and `--token` flags that point the CLI at `supervisor`. */
export const to = (supervisor: RecordingSupervisor) => ["--url", supervisor.url, "--token", TOKEN];

/** The two supervisors a send test file shares: one that acknowledges, one that echoes. */
export function startAckAndEcho(): Promise<[RecordingSupervisor, RecordingSupervisor]> {
  return Promise.all([recordingSupervisor({ responder: "ack" }), recordingSupervisor({ responder: "echo" })]);
}

/** Closes every supervisor given. */
export async function closeAll(...supervisors: RecordingSupervisor[]): Promise<void> {
  await Promise.all(supervisors.map((s) => s.handle.close()));
}

/** A port on 127.0.0.1 where nothing listens (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A plain HTTP server that answers every request, upgrade or not, with 200 and a web page. */
export async function plainHttpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<h1>Not a supervisor</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
