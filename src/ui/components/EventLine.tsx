import { Text } from "ink";
import { lineParts } from "../format/line.js";
import { THEME } from "../format/theme.js";
import type { FeedEvent } from "../state/event-model.js";

export interface EventLineProps {
  event: FeedEvent;
  selected: boolean;
  /** Columns available; text beyond them is cut before Ink measures it. */
  width: number;
}

/** Columns taken by time, #seq, arrow, icon, type and user. */
const FIXED = 36;

const padTo = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** One event: time, #seq, direction, icon and type, user, the reply link, the summary. */
export function EventLine({ event, selected, width }: EventLineProps) {
  const p = lineParts(event);
  const room = Math.max(0, width - FIXED);
  const link = p.link ? `${p.link} ` : "";
  const space = Math.max(0, room - link.length);
  const summary = p.summary.length > space ? `${p.summary.slice(0, Math.max(0, space - 1))}…` : p.summary;
  const colour = THEME[event.category].colour;
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text dimColor={!selected}>{p.time} </Text>
      <Text dimColor={!selected}>{padTo(p.seq, 7)}</Text>
      <Text>{p.arrow} </Text>
      <Text color={colour}>
        {p.icon} {padTo(p.label, 5)}
      </Text>
      <Text bold> {padTo(p.user, 8)} </Text>
      {link && <Text color="green">{link}</Text>}
      <Text>{summary}</Text>
    </Text>
  );
}
