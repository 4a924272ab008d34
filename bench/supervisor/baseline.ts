import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

/** The baseline: a minimal raw `ws` server answering the same JSON exchange as the supervisor. */
export async function startRawServer(token: string): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise((resolve) => wss.once("listening", resolve));
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; token?: string; user?: string };
      if (message.type === "auth") {
        const success = message.token === token;
        const text = success ? "Authenticated successfully" : "Invalid authentication token";
        ws.send(JSON.stringify({ type: "auth_result", success, message: text }));
      } else {
        const timestamp = new Date().toISOString();
        ws.send(
          JSON.stringify({
            type: "message_acknowledged",
            message_type: "sms",
            user: message.user,
            timestamp,
          }),
        );
      }
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
