import { Box, Text } from "ink";
import { padCells } from "../format/cells.js";
import { useColour } from "../hooks/use-colour.js";
import type { ConnectionRow } from "../state/connections.js";
import { formatUptime } from "./Header.js";

export interface ConnectionsPaneProps {
  rows: readonly ConnectionRow[];
  /** This dashboard's own link, to mark it. */
  now: number;
  height: number;
  width: number;
}

const AUTH = { unknown: "–", sent: "sent", ok: "ok", failed: "failed" } as const;

/** Room for `127.0.0.1:54321` and `[::1]:54321`; a longer IPv6 address is cut. */
const ADDRESS = 22;

/**
 * `C`: the clients the feed has shown, newest first: id, address, auth state, frames in and out, age,
 * quiet for (or `closed`, dimmed, once it went).
 */
export function ConnectionsPane({ rows, now, height, width }: ConnectionsPaneProps) {
  const paint = useColour();
  const room = Math.max(0, height - 2);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text color={paint("cyan")} wrap="truncate-end">
        ─ Connections ({rows.length}) ─ as the traffic feed shows them · C or Esc closes
      </Text>
      <Text bold wrap="truncate-end">
        {padCells("id", 7)}
        {padCells("address", ADDRESS)}
        {padCells("auth", 8)}
        {padCells("in", 8)}
        {padCells("out", 8)}
        {padCells("age", 10)}
        quiet for
      </Text>
      {rows.length === 0 && <Text dimColor>No client has sent anything yet.</Text>}
      {rows.slice(0, room).map((row) => (
        <Text key={row.id} wrap="truncate-end" dimColor={row.closed}>
          {padCells(row.id, 7)}
          {padCells(row.address ?? "–", ADDRESS)}
          <Text color={paint(row.auth === "ok" ? "green" : row.auth === "failed" ? "red" : undefined)}>
            {padCells(AUTH[row.auth], 8)}
          </Text>
          {padCells(String(row.in), 8)}
          {padCells(String(row.out), 8)}
          {padCells(formatUptime((row.closed ? row.lastSeen : now) - row.firstSeen), 10)}
          {row.closed ? "closed" : formatUptime(now - row.lastSeen)}
        </Text>
      ))}
    </Box>
  );
}
