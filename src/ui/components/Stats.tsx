import { Box, Text } from "ink";
import { memo, useMemo } from "react";
import { formatMs } from "../format/line.js";
import { THEME } from "../format/theme.js";
import { useColour } from "../hooks/use-colour.js";
import type { Category } from "../state/event-model.js";
import { percentiles, type Stats as StatsData, sparkline } from "../state/stats.js";

export interface StatsProps {
  stats: StatsData;
  /** Epoch ms, for the sparkline's minute. */
  now: number;
}

const SHOWN: readonly Category[] = ["sms", "email", "ack", "ai", "broadcast", "other", "unknown"];

const REPLY_LABELS: readonly [string, string][] = [
  ["message_acknowledged", "ack"],
  ["send_sms_response", "ai-sms"],
  ["send_email_response", "ai-email"],
  ["error", "error"],
];

/** Two lines: counts per type; replies by kind, p50/p95 request latency, errors, reconnects. */
export const Stats = memo(function Stats({ stats, now }: StatsProps) {
  const paint = useColour();
  // Sorted once per batch of samples, not once per frame.
  const { p50, p95 } = useMemo(() => percentiles(stats.latencies), [stats.latencies]);
  const latency =
    p50 === undefined || p95 === undefined ? "p50 – p95 –" : `p50 ${formatMs(p50)} p95 ${formatMs(p95)}`;
  const replies = REPLY_LABELS.map(([type, label]) => `${label} ${stats.repliesByType[type] ?? 0}`).join(" ");
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {SHOWN.map((c) => (
          <Text key={c} color={paint(THEME[c].colour)}>
            {THEME[c].icon} {THEME[c].label} {stats.byCategory[c]}
            {"  "}
          </Text>
        ))}
        <Text color={paint(stats.errors > 0 ? "red" : undefined)}>
          {THEME.error.icon} errors {stats.errors}
        </Text>
      </Text>
      <Text wrap="truncate-end" dimColor>
        <Text color={paint("cyan")}>[{sparkline(stats.recent, now)}]</Text> {latency} │ reconnects{" "}
        {stats.reconnects} │ replies {replies}
      </Text>
    </Box>
  );
});
