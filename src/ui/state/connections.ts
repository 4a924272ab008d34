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
  // Each row is copied once per batch and then counted in place (the table stays immutable from
  // outside); a time is parsed only when it differs from the row's last one: a flood's frames
  // share their millisecond.
  const mine = new Map<string, { row: ConnectionRow; time: string }>();
  for (const event of traffic) {
    let own = mine.get(event.connectionId);
    if (!own) {
      const old = next[event.connectionId];
      const at = Date.parse(event.time) || 0;
      const row: ConnectionRow = old
        ? { ...old, lastSeen: Math.max(old.lastSeen, at) }
        : { id: event.connectionId, firstSeen: at, lastSeen: at, in: 0, out: 0, auth: "unknown" };
      own = { row, time: event.time };
      mine.set(event.connectionId, own);
      next[event.connectionId] = row;
    } else if (own.time !== event.time) {
      own.time = event.time;
      own.row.lastSeen = Math.max(own.row.lastSeen, Date.parse(event.time) || 0);
    }
    const row = own.row;
    if (event.link) {
      if (event.link.address) row.address = event.link.address;
      if (event.link.event === "close") row.closed = true;
      continue;
    }
    if (event.type === "auth" && event.direction === "in") row.auth = "sent";
    if (event.type === "auth_result" && event.direction === "out")
      row.auth = event.json?.includes('"success":true') ? "ok" : "failed";
    if (event.direction === "in") row.in += 1;
    else row.out += 1;
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
