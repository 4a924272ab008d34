import { Probe } from "../diagnostics/probe.js";

/**
 * Says what answers on a port that could not be bound, in a few words: an xswarm supervisor (it
 * answers `ping` with `pong`), another WebSocket server, an HTTP server, or something else.
 */
export async function describePortOwner(host: string, port: number, timeoutMs = 1000): Promise<string> {
  const where = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const opened = await Probe.open(`ws://${where}`, timeoutMs);
  if (!opened.ok) {
    if (opened.kind === "http") {
      const server = opened.server ? ` (Server: ${opened.server})` : "";
      return `an HTTP server that refuses WebSocket upgrades, status ${opened.status}${server}`;
    }
    if (opened.kind === "timeout") return "something that does not answer a WebSocket handshake";
    return `something that is not a WebSocket server (${opened.message})`;
  }
  try {
    const reply = await opened.probe.request({ type: "ping" }, timeoutMs);
    if (reply.ok && reply.reply.kind === "reply" && reply.reply.event.type === "pong")
      return "a supervisor already (it answers ping): another `xswarm-dev supervisor`/`watch --embedded`, or the Rust one";
    return "a WebSocket server that is not an xswarm supervisor (no pong to ping)";
  } finally {
    await opened.probe.close();
  }
}
