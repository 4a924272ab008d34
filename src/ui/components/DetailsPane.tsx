import { Box, Text } from "ink";
import { memo } from "react";
import { detailLines, detailTitle } from "../format/details.js";
import { useColour } from "../hooks/use-colour.js";
import type { FeedEvent } from "../state/event-model.js";

export interface DetailsPaneProps {
  event: FeedEvent | undefined;
  height: number;
  width: number;
}

/** The selected event: title lines with its metadata, then its JSON, pretty-printed and wrapped. */
export const DetailsPane = memo(function DetailsPane({ event, height, width }: DetailsPaneProps) {
  const paint = useColour();
  const title = detailTitle(event, width);
  const body = Math.max(0, height - title.length);
  const lines =
    event && !event.mark
      ? detailLines(event, width)
      : ["Select an event with ↑/↓ to see its JSON here; Enter shows it in full."];
  const shown =
    lines.length > body
      ? [...lines.slice(0, body - 1), `… ${lines.length - body + 1} more lines (Enter: all)`]
      : lines;
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {title.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static list, rebuilt whole on each change
        <Text key={`t${i}`} color={paint("gray")} dimColor={!paint("gray")}>
          {line}
        </Text>
      ))}
      {shown.map((line, i) => (
        // Lines repeat (e.g. `}`), so their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: static list, rebuilt whole on each change
        <Text key={i} wrap="truncate-end" dimColor={!event}>
          {line}
        </Text>
      ))}
    </Box>
  );
});
