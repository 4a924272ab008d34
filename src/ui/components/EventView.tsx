import { Box, Text } from "ink";
import { fitCells } from "../format/cells.js";
import type { FullLine } from "../format/full.js";
import { useColour } from "../hooks/use-colour.js";

export interface EventViewProps {
  lines: readonly FullLine[];
  scroll: number;
  height: number;
  width: number;
}

/** The full-screen view of one event (Enter): its lines from `scroll`, with where it stands. */
export function EventView({ lines, scroll, height, width }: EventViewProps) {
  const paint = useColour();
  const body = Math.max(1, height - 1);
  const shown = lines.slice(scroll, scroll + body);
  const end = Math.min(lines.length, scroll + body);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text color={paint("cyan")} wrap="truncate-end">
        ─ Event ─ lines {lines.length === 0 ? 0 : scroll + 1}-{end} of {lines.length} · ↑/↓ PgUp/PgDn scroll ·
        y/Y copy · R resend · E edit · Esc or q back
      </Text>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a window of a static list
        <Text key={scroll + i} bold={line.heading} color={paint(line.heading ? "yellow" : undefined)}>
          {fitCells(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
