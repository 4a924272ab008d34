import { Box, Text } from "ink";
import { detailLines, detailTitle } from "../format/details.js";
import type { FeedEvent } from "../state/event-model.js";

export interface DetailsPaneProps {
  event: FeedEvent | undefined;
  height: number;
  width: number;
}

/** The selected event: a title line with its metadata, then its JSON, pretty-printed and wrapped. */
export function DetailsPane({ event, height, width }: DetailsPaneProps) {
  const body = Math.max(0, height - 1);
  const lines = event ? detailLines(event, width) : ["Select an event with ↑/↓ to see its JSON here."];
  const shown =
    lines.length > body ? [...lines.slice(0, body - 1), `… ${lines.length - body + 1} more lines`] : lines;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text color="gray" wrap="truncate-end">
        {detailTitle(event, width)}
      </Text>
      {shown.map((line, i) => (
        // Lines repeat (e.g. `}`), so their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: static list, rebuilt whole on each change
        <Text key={i} wrap="truncate-end" dimColor={!event}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
