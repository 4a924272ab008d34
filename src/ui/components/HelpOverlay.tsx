import { Box, Text } from "ink";
import { ARROW, THEME } from "../format/theme.js";
import { CATEGORIES } from "../state/event-model.js";
import { KEY_HELP } from "../state/keymap.js";

export interface HelpOverlayProps {
  height: number;
  width: number;
}

/** Every key, then the legend of arrows, icons and reply links. Replaces the feed while open. */
export function HelpOverlay({ height, width }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text color="cyan" wrap="truncate-end">
        ─ Keys ─ (? or Esc closes)
      </Text>
      {KEY_HELP.map(([keys, action]) => (
        <Text key={keys} wrap="truncate-end">
          <Text bold>{keys.padEnd(17)}</Text>
          {action}
        </Text>
      ))}
      <Text wrap="truncate-end">
        {ARROW.in} client to supervisor · {ARROW.out} supervisor to client · ↳ #n reply to request #n
      </Text>
      <Text wrap="truncate-end">
        {CATEGORIES.map((c) => (
          <Text key={c} color={THEME[c].colour}>
            {THEME[c].icon} {THEME[c].label}{" "}
          </Text>
        ))}
      </Text>
      <Text dimColor wrap="truncate-end">
        Filter terms: a type (sms, ai, error, …), type:&lt;name&gt;, or any text; ping/pong show with /ping.
      </Text>
    </Box>
  );
}
