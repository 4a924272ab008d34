import { Box, Text } from "ink";
import { memo } from "react";
import type { ConnectionState } from "../../client/types.js";
import type { SourceStatus } from "../../watch/types.js";
import { describeConnection } from "../format/connection.js";
import { formatPing } from "../format/line.js";
import { useColour } from "../hooks/use-colour.js";

export interface HeaderProps {
  url: string;
  connection: { state: ConnectionState; since: number } | undefined;
  source: SourceStatus;
  pingMs: number | undefined;
  uptimeMs: number;
  now: number;
  total: number;
  dropped: number;
}

const STATE_COLOUR: Record<ConnectionState["status"], string> = {
  idle: "gray",
  connecting: "yellow",
  authenticating: "yellow",
  ready: "green",
  reconnecting: "yellow",
  closed: "red",
  auth_failed: "red",
};

/** `1:02:03`. */
export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(total / 3600)}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/**
 * `0m`, `59m`, `1h02m`: the header's uptime. Minutes, not seconds: a clock that ticks each second
 * would redraw the whole screen each second.
 */
export function formatUptimeMinutes(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** Two lines: the URL, connection state and source; then ping, uptime, counts and the source's detail. */
export const Header = memo(function Header({
  url,
  connection,
  source,
  pingMs,
  uptimeMs,
  now,
  total,
  dropped,
}: HeaderProps) {
  const paint = useColour();
  const state = connection?.state;
  const ping = formatPing(pingMs);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>xswarm-dev watch </Text>
        <Text color={paint("cyan")}>{url}</Text>
        {state && (
          <Text color={paint(STATE_COLOUR[state.status])}>
            {" "}
            ● {describeConnection(state, Math.max(0, now - connection.since))}
          </Text>
        )}
        <Text> · {source.label}</Text>
      </Text>
      <Text wrap="truncate-end" dimColor>
        {state ? `ping ${ping} · ` : ""}up {formatUptimeMinutes(uptimeMs)} · {total} events
        {dropped > 0 ? `, ${dropped} dropped` : ""}
        {source.detail ? ` · ${source.detail}` : ""}
      </Text>
    </Box>
  );
});
