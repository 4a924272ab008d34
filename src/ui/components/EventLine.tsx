import { Text } from "ink";
import { memo } from "react";
import { cellWidth, fitCells, padCells } from "../format/cells.js";
import { clockTime, lineParts } from "../format/line.js";
import { THEME } from "../format/theme.js";
import { useColour } from "../hooks/use-colour.js";
import type { FeedEvent } from "../state/event-model.js";

export interface EventLineProps {
  event: FeedEvent;
  selected: boolean;
  /** Columns available; text beyond them is cut (by display cells) before Ink measures it. */
  width: number;
}

/** Columns taken by time, #seq, connection, arrow, icon, type and user. */
const FIXED = 41;

const MARK_COLOUR = { info: "green", warn: "yellow", error: "red" } as const;

/** One event: time, #seq, connection, direction, icon and type, user, the reply link, the summary. */
export const EventLine = memo(function EventLine({ event, selected, width }: EventLineProps) {
  const paint = useColour();
  if (event.mark) {
    const text = `${clockTime(event.time)} ── ${event.mark.text} `;
    return (
      <Text inverse={selected} color={paint(MARK_COLOUR[event.mark.tone])}>
        {fitCells(text + "─".repeat(Math.max(0, width - cellWidth(text))), width)}
      </Text>
    );
  }
  const p = lineParts(event);
  const room = Math.max(0, width - FIXED);
  const link = p.link ? `${p.link} ` : "";
  const summary = fitCells(p.summary, Math.max(0, room - cellWidth(link)));
  const style = event.reminder
    ? { colour: THEME.broadcast.colour, label: "remnd" }
    : { colour: THEME[event.category].colour, label: p.label };
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text dimColor={!selected}>{p.time} </Text>
      <Text dimColor={!selected}>{padCells(p.seq, 7)}</Text>
      <Text dimColor={!selected}>{padCells(event.connectionId, 4)} </Text>
      <Text>{p.arrow} </Text>
      <Text color={paint(style.colour)}>
        {p.icon} {padCells(style.label, 5)}
      </Text>
      <Text bold> {padCells(p.user, 8)} </Text>
      {link && <Text color={paint("green")}>{link}</Text>}
      <Text>{summary}</Text>
    </Text>
  );
});
