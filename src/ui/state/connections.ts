import type { FeedEvent } from "./event-model.js";

/** One client connection as the feed has seen it. */
export interface ConnectionRow {
  id: string;
  /** Epoch ms of its first and latest frame. */
  firstSeen: number;
  lastSeen: number;
  /** Frames from the client (`in`) and to it (`out`). */
  in: number;
  out: number;
  auth: "unknown" | "sent" | "ok" | "failed";
  /** The client's `ip:port`, once its connect line was seen. */
  address?: string;
  /** Its disconnect line was seen. */
  closed?: boolean;
}

/** Connections remembered at most; the ones quiet longest are forgotten first. */
export const CONNECTION_LIMIT = 200;

/** Adds a batch of events to the connection table. Pure. */
export function addToConnections(
  table: Readonly<Record<string, ConnectionRow>>,
  events: readonly FeedEvent[],
): Readonly<Record<string, ConnectionRow>> {
  const traffic = events.filter((e) => (e.mark === undefined || e.link) && e.connectionId !== "");
  if (traffic.length === 0) return table;
  const next: Record<string, ConnectionRow> = { ...table };
  for (const event of traffic) {
    const at = Date.parse(event.time) || 0;
    const row = next[event.connectionId] ?? {
      id: event.connectionId,
      firstSeen: at,
      lastSeen: at,
      in: 0,
      out: 0,
      auth: "unknown",
    };
    if (event.link) {
      next[event.connectionId] = {
        ...row,
        lastSeen: Math.max(row.lastSeen, at),
        ...(event.link.address ? { address: event.link.address } : {}),
        ...(event.link.event === "close" ? { closed: true } : {}),
      };
      continue;
    }
    let auth = row.auth;
    if (event.type === "auth" && event.direction === "in") auth = "sent";
    if (event.type === "auth_result" && event.direction === "out")
      auth = event.json?.includes('"success":true') ? "ok" : "failed";
    next[event.connectionId] = {
      ...row,
      lastSeen: Math.max(row.lastSeen, at),
      in: row.in + (event.direction === "in" ? 1 : 0),
      out: row.out + (event.direction === "out" ? 1 : 0),
      auth,
    };
  }
  const ids = Object.keys(next);
  if (ids.length <= CONNECTION_LIMIT) return next;
  const keep = ids
    .map((id) => next[id] as ConnectionRow)
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .slice(0, CONNECTION_LIMIT);
  return Object.fromEntries(keep.map((row) => [row.id, row]));
}

/** The rows of the pane: newest connection first. */
export function connectionRows(table: Readonly<Record<string, ConnectionRow>>): ConnectionRow[] {
  return Object.values(table).sort((a, b) => b.firstSeen - a.firstSeen);
}
