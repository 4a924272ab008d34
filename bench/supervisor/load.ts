import { createInterface } from "node:readline";
import WebSocket from "ws";

/**
 * A raw `ws` load generator, run in its own process so that it does not share the event loop of the
 * servers under test. It opens `connections` authenticated sockets to each URL given (a side each),
 * prints `ready`, then takes commands on stdin, a line each, so that the sides can take turns:
 * - `go <side>`: each socket of that side keeps `inflight` SMS events outstanding;
 * - `count`: starts counting its replies (prints `counting`);
 * - `halt`: stops counting (prints `{ replies, seconds, errors }`), then stops sending and prints
 *   `drained` once every reply of that side is in.
 * Its sockets stay open until stdin ends (so that the servers' RSS can be read under load).
 * Usage: load.ts <connections> <inflight> <token> <url> [url ...]
 */
const [connectionsArg = "10", inflightArg = "16", token = "", ...urls] = process.argv.slice(2);
const connections = Number(connectionsArg);
const inflight = Number(inflightArg);

const SMS = JSON.stringify({
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "Hello boss, can we move the meeting to 3pm?",
  user: "alice",
});

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once("error", reject);
    ws.once("open", () => {
      ws.once("message", (data) => {
        const reply = JSON.parse(String(data)) as { success?: boolean };
        if (!reply.success) return reject(new Error(`auth failed: ${String(data)}`));
        resolve(ws);
      });
      ws.send(JSON.stringify({ type: "auth", token }));
    });
  });
}

/** One server's sockets, and what they have sent and heard. */
class Side {
  running = false;
  counting = false;
  replies = 0;
  errors = 0;
  outstanding = 0;
  countedFrom = 0;
  onDrained: (() => void) | undefined;

  constructor(readonly sockets: WebSocket[]) {
    for (const ws of sockets) {
      ws.on("message", (data) => {
        this.outstanding -= 1;
        if (this.counting) this.replies += 1;
        if (!String(data).startsWith('{"type":"message_acknowledged"')) this.errors += 1;
        if (this.running) this.send(ws);
        else if (this.outstanding === 0) this.onDrained?.();
      });
      ws.on("error", () => {
        this.errors += 1;
      });
    }
  }

  private send(ws: WebSocket): void {
    this.outstanding += 1;
    ws.send(SMS);
  }

  go(): void {
    this.running = true;
    for (const ws of this.sockets) for (let i = 0; i < inflight; i++) this.send(ws);
  }

  count(): void {
    this.replies = 0;
    this.counting = true;
    this.countedFrom = performance.now();
  }

  /** Stops counting and sending; what was counted. */
  halt(): { replies: number; seconds: number; errors: number } {
    this.counting = false;
    this.running = false;
    return {
      replies: this.replies,
      seconds: (performance.now() - this.countedFrom) / 1000,
      errors: this.errors,
    };
  }

  drained(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = () => {
        this.onDrained = undefined;
        resolve();
      };
    });
  }
}

// Opened in batches so that thousands of handshakes do not all time out at once.
async function connect(url: string): Promise<Side> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < connections; i += 200)
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(200, connections - i) }, () => open(url)))),
    );
  return new Side(sockets);
}

const sides: Side[] = [];
for (const url of urls) sides.push(await connect(url));
process.stdout.write("ready\n");

let active: Side | undefined;
// One command at a time, in order: `halt` answers twice (its count, then `drained`).
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue = queue.then(async () => {
    const [command, arg] = line.split(" ");
    if (command === "go") {
      active = sides[Number(arg)];
      active?.go();
    } else if (command === "count") {
      active?.count();
      process.stdout.write("counting\n");
    } else if (command === "halt" && active) {
      process.stdout.write(`${JSON.stringify(active.halt())}\n`);
      await active.drained();
      process.stdout.write("drained\n");
    }
  });
});
lines.on("close", () => {
  for (const side of sides) for (const ws of side.sockets) ws.terminate();
  process.exit(0);
});
