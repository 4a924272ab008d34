import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

const TOKEN = "soak-token-0123456789";
const SERVER = fileURLToPath(new URL("../helpers/soak-supervisor.ts", import.meta.url));
const CONNECTIONS = 100;
const IN_FLIGHT = 4;
const WARMUP_MS = 2000;
const SOAK_MS = 20_000;

/** The supervisor in its own process; `ask` sends a stdin line and waits for the next stdout JSON line. */
function startServer() {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", SERVER, TOKEN], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
  return {
    child,
    next,
    ask: (command: string) => {
      child.stdin?.write(`${command}\n`);
      return next();
    },
  };
}

const REQUESTS = [
  { type: "sms_received", from: "+1555", to: "+1666", message: "soak", user: "" },
  { type: "email_received", from: "a@example.com", to: "b@example.com", subject: "s", body: "b", user: "" },
  { type: "ping" },
];
const EXPECTED = ["message_acknowledged", "message_acknowledged", "pong"];

/** One client keeping IN_FLIGHT requests outstanding, checking each reply against its request (FIFO). */
class LoadClient {
  readonly errors: string[] = [];
  replies = 0;
  private running = false;
  private readonly expected: number[] = [];
  private n = 0;
  private idle: (() => void) | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly user: string,
  ) {
    ws.on("message", (data) => this.onReply(JSON.parse(String(data)) as Record<string, unknown>));
    ws.on("close", (code) => this.errors.push(`closed ${code}`));
    ws.on("error", (error) => this.errors.push(error.message));
  }

  static async open(url: string, user: string): Promise<LoadClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const auth = new Promise<string>((resolve) => ws.once("message", (data) => resolve(String(data))));
    ws.send(JSON.stringify({ type: "auth", token: TOKEN }));
    if (!(await auth).includes('"success":true')) throw new Error("auth failed");
    return new LoadClient(ws, user);
  }

  start(): void {
    this.running = true;
    for (let i = 0; i < IN_FLIGHT; i++) this.sendOne();
  }

  /** Stops sending and resolves once every outstanding request has its reply. */
  stop(): Promise<void> {
    this.running = false;
    if (this.expected.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  close(): void {
    this.ws.removeAllListeners("close");
    this.ws.close();
  }

  private sendOne(): void {
    const kind = this.n++ % REQUESTS.length;
    this.expected.push(kind);
    const request = REQUESTS[kind] as Record<string, unknown>;
    this.ws.send(JSON.stringify("user" in request ? { ...request, user: this.user } : request));
  }

  private onReply(reply: Record<string, unknown>): void {
    this.replies += 1;
    const kind = this.expected.shift();
    if (kind === undefined) this.errors.push(`unexpected ${JSON.stringify(reply)}`);
    else if (reply.type !== EXPECTED[kind] || (kind < 2 && reply.user !== this.user))
      this.errors.push(`expected ${EXPECTED[kind]} for ${this.user}, got ${JSON.stringify(reply)}`);
    if (this.running) this.sendOne();
    else if (this.expected.length === 0) this.idle?.();
  }
}

let server: ReturnType<typeof startServer> | undefined;
afterAll(() => {
  if (server?.child.exitCode === null) server.child.kill("SIGKILL");
});

/** Runs every client for `ms`, then waits until nothing is in flight. */
async function load(clients: LoadClient[], ms: number): Promise<void> {
  for (const client of clients) client.start();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(clients.map((client) => client.stop()));
}

describe("dev supervisor soak", () => {
  it(`serves ${CONNECTIONS} connections × ${IN_FLIGHT} in flight for 20 s without error, heap back within 10%`, async () => {
    server = startServer();
    const { url } = (await server.next()) as { url: string };
    const clients = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, i) => LoadClient.open(url, `user-${i}`)),
    );
    await load(clients, WARMUP_MS);
    const before = Number((await server.ask("heap")).heap);

    await load(clients, SOAK_MS);
    const after = Number((await server.ask("heap")).heap);

    const errors = clients.flatMap((c) => c.errors);
    expect(errors).toEqual([]);
    const replies = clients.reduce((sum, c) => sum + c.replies, 0);
    expect(replies).toBeGreaterThan(CONNECTIONS * IN_FLIGHT * 10);
    expect(after, `heap ${before} -> ${after} bytes`).toBeLessThanOrEqual(before * 1.1);

    for (const client of clients) client.close();
    server.child.stdin?.write("close\n");
    expect(await new Promise((resolve) => server?.child.on("exit", resolve))).toBe(0);
  }, 90_000);
});
