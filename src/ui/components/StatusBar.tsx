import { Text } from "ink";
import { memo } from "react";
import { useColour } from "../hooks/use-colour.js";
import type { Notice } from "../state/types.js";

export interface StatusBarProps {
  filter: { text: string; editing: boolean };
  notice: Notice | undefined;
}

const HINTS = "? help · s sms · e email · Enter view · y copy · / filter · C clients · q quit";

/** The bottom line: the filter being typed, else the last notice or the key hints. */
export const StatusBar = memo(function StatusBar({ filter, notice }: StatusBarProps) {
  const paint = useColour();
  if (filter.editing) {
    return (
      <Text wrap="truncate-start">
        <Text color={paint("cyan")}>/</Text>
        {filter.text}
        <Text inverse> </Text>
        <Text dimColor> Enter keeps · Esc clears</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {filter.text && <Text color={paint("cyan")}>filter: {filter.text} · </Text>}
      {notice ? (
        <Text color={paint(notice.tone === "error" ? "red" : "green")}>{notice.text}</Text>
      ) : (
        <Text dimColor>{HINTS}</Text>
      )}
    </Text>
  );
});
