import WebSocket from "ws";

/**
 * A raw `ws` load generator, run in its own process so that it does not share the event loop of the
 * server under test. Each connection authenticates, then keeps `inflight` SMS events outstanding.
 * Prints `start` when the counted window begins and `{ replies, seconds, errors }` when it ends, then
 * holds its connections open until stdin ends (so that the server's RSS can be read under load).
 * Usage: load.ts <url> <connections> <inflight> <warmupMs> <windowMs> <token>
 */
const [
  url = "",
  connectionsArg = "10",
  inflightArg = "16",
  warmupArg = "500",
  windowArg = "3000",
  token = "",
] = process.argv.slice(2);
const connections = Number(connectionsArg);
const inflight = Number(inflightArg);
const warmupMs = Number(warmupArg);
const windowMs = Number(windowArg);

const SMS = JSON.stringify({
  type: "sms_received",
  from: "+15551234567",
  to: "+15559876543",
  message: "Hello boss, can we move the meeting to 3pm?",
  user: "alice",
});

let counting = false;
let replies = 0;
let errors = 0;
let running = true;

function open(): Promise<WebSocket> {
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

// Opened in batches so that thousands of handshakes do not all time out at once.
const sockets: WebSocket[] = [];
for (let i = 0; i < connections; i += 200)
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(200, connections - i) }, open))));
for (const ws of sockets) {
  ws.on("message", (data) => {
    if (counting) replies += 1;
    if (!String(data).startsWith('{"type":"message_acknowledged"')) errors += 1;
    if (running) ws.send(SMS);
  });
  ws.on("error", () => {
    errors += 1;
  });
  for (let i = 0; i < inflight; i++) ws.send(SMS);
}
await new Promise((r) => setTimeout(r, warmupMs));
process.stdout.write("start\n");
counting = true;
const start = performance.now();
await new Promise((r) => setTimeout(r, windowMs));
counting = false;
const seconds = (performance.now() - start) / 1000;
running = false;
process.stdout.write(`${JSON.stringify({ replies, seconds, errors })}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
