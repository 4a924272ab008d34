import { Box, Text } from "ink";
import { memo } from "react";
import { wrapCells } from "../format/cells.js";
import { useColour } from "../hooks/use-colour.js";
import type { FeedWindow } from "../state/feed.js";
import { EventLine } from "./EventLine.js";

export interface EventFeedProps {
  window: FeedWindow;
  height: number;
  width: number;
  /** While paused: how many events arrived since. */
  newWhilePaused: number | undefined;
  /** Dim lines under the events, shown while there is room for them. */
  hint: readonly string[];
}

/** The feed, newest at the bottom, exactly `height` lines. */
export const EventFeed = memo(function EventFeed({
  window,
  height,
  width,
  newWhilePaused,
  hint,
}: EventFeedProps) {
  const paint = useColour();
  const paused = newWhilePaused !== undefined;
  const room = Math.max(0, height - (paused ? 1 : 0));
  const rows = window.rows.slice(Math.max(0, window.rows.length - room));
  const offset = window.rows.length - rows.length;
  const gap = rows.length > 0 ? 1 : 0;
  // Wrapped, not cut: the start hint must stay whole to be copied (the command is already laid out
  // for the width by feedHint).
  const wrapped = hint.flatMap((line) => wrapCells(line, width, true));
  const hintLines = rows.length + gap + wrapped.length <= room ? wrapped : [];
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {rows.map((event, i) => (
        <EventLine key={event.id} event={event} selected={i + offset === window.selected} width={width} />
      ))}
      {hintLines.length > 0 && gap > 0 && <Text> </Text>}
      {hintLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static list, rebuilt whole on each change
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Box flexGrow={1} />
      {paused && (
        <Text color={paint("yellow")} wrap="truncate-end">
          ⏸ paused · {newWhilePaused} new while paused · p resumes
        </Text>
      )}
    </Box>
  );
});
