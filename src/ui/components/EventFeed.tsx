import { Box, Text } from "ink";
import type { FeedWindow } from "../state/feed.js";
import { EventLine } from "./EventLine.js";

export interface EventFeedProps {
  window: FeedWindow;
  height: number;
  width: number;
  /** While paused: how many events arrived since. */
  newWhilePaused: number | undefined;
  /** Shown when there is nothing to list. */
  emptyHint: readonly string[];
}

/** The feed, newest at the bottom, exactly `height` lines. */
export function EventFeed({ window, height, width, newWhilePaused, emptyHint }: EventFeedProps) {
  const paused = newWhilePaused !== undefined;
  const room = Math.max(0, height - (paused ? 1 : 0));
  const rows = window.rows.slice(Math.max(0, window.rows.length - room));
  const offset = window.rows.length - rows.length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {rows.length === 0
        ? emptyHint.slice(0, room).map((line) => (
            <Text key={line} dimColor wrap="truncate-end">
              {line}
            </Text>
          ))
        : rows.map((event, i) => (
            <EventLine key={event.id} event={event} selected={i + offset === window.selected} width={width} />
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
