import { Box, Text } from "ink";
import { ARROW, THEME } from "../format/theme.js";
import { useColour } from "../hooks/use-colour.js";
import { CATEGORIES } from "../state/event-model.js";
import { KEY_HELP } from "../state/keymap.js";

export interface HelpOverlayProps {
  height: number;
  width: number;
}

/** Every key, then the legend of arrows, icons and reply links. Replaces the feed while open. */
export function HelpOverlay({ height, width }: HelpOverlayProps) {
  const paint = useColour();
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      <Text color={paint("cyan")} wrap="truncate-end">
        ─ Keys ─ (? or Esc closes; docs/watch.md has them all)
      </Text>
      {KEY_HELP.map(([keys, action]) => (
        <Box key={keys} flexShrink={0}>
          <Text wrap="truncate-end">
            <Text bold>{keys.padEnd(17)}</Text>
            {action}
          </Text>
        </Box>
      ))}
      <Box flexShrink={0}>
        <Text wrap="truncate-end">
          {ARROW.in} to the supervisor · {ARROW.out} from it · ↳ #n reply to #n ·{" "}
          {CATEGORIES.map((c) => (
            <Text key={c} color={paint(THEME[c].colour)}>
              {THEME[c].icon} {THEME[c].label}{" "}
            </Text>
          ))}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text dimColor wrap="truncate-end">
          Filter: a type (sms, ai, error, …), type:&lt;name&gt;, or any text; /ping shows ping/pong.
        </Text>
      </Box>
    </Box>
  );
}
