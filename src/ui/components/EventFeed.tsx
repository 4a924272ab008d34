import { Box, Text } from "ink";
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
export function EventFeed({ window, height, width, newWhilePaused, hint }: EventFeedProps) {
  const paused = newWhilePaused !== undefined;
  const room = Math.max(0, height - (paused ? 1 : 0));
  const rows = window.rows.slice(Math.max(0, window.rows.length - room));
  const offset = window.rows.length - rows.length;
  const gap = rows.length > 0 ? 1 : 0;
  const hintLines = rows.length + gap + hint.length <= room ? hint : [];
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {rows.map((event, i) => (
        <EventLine key={event.id} event={event} selected={i + offset === window.selected} width={width} />
      ))}
      {hintLines.length > 0 && gap > 0 && <Text> </Text>}
      {hintLines.map((line) => (
        <Text key={line} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Box flexGrow={1} />
      {paused && (
        <Text color="yellow" wrap="truncate-end">
          ⏸ paused · {newWhilePaused} new while paused · p resumes
        </Text>
      )}
    </Box>
  );
}
