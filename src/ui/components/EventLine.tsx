import { Text } from "ink";
import { lineParts } from "../format/line.js";
import { THEME } from "../format/theme.js";
import type { FeedEvent } from "../state/event-model.js";

export interface EventLineProps {
  event: FeedEvent;
  selected: boolean;
}

const padTo = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

/** One event: time, #seq, direction, icon and type, user, the reply link, the summary. */
export function EventLine({ event, selected }: EventLineProps) {
  const p = lineParts(event);
  const colour = THEME[event.category].colour;
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text dimColor={!selected}>{p.time} </Text>
      <Text dimColor={!selected}>{padTo(p.seq, 6)}</Text>
      <Text>{p.arrow} </Text>
      <Text color={colour}>
        {p.icon} {padTo(p.label, 5)}
      </Text>
      <Text bold> {padTo(p.user, 8)} </Text>
      {p.link && <Text color="green">{p.link} </Text>}
      <Text>{p.summary}</Text>
    </Text>
  );
}
