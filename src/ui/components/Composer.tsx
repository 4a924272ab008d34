import { Box, Text } from "ink";
import { type ComposerState, fieldsOf } from "../state/composer.js";

export interface ComposerProps {
  composer: ComposerState;
  width: number;
}

const TITLE = { sms: "New SMS", email: "New email" } as const;

/** Lines the form needs: title, one per field and per error, the failure and the hint. */
export function composerLines(composer: ComposerState): number {
  return (
    2 + fieldsOf(composer.kind).length + Object.keys(composer.errors).length + (composer.failure ? 1 : 0)
  );
}

/** The SMS or email form: the focused field marked `›` with a cursor, errors in red under their field. */
export function Composer({ composer, width }: ComposerProps) {
  const sending = composer.status === "sending";
  return (
    <Box flexDirection="column" width={width}>
      <Text color="cyan" wrap="truncate-end">
        ─ {TITLE[composer.kind]} {sending ? "· sending…" : "· Tab next field · Enter send · Esc cancel"} ─
      </Text>
      {fieldsOf(composer.kind).map((field, i) => {
        const focused = i === composer.focus;
        const error = composer.errors[field];
        return (
          <Box key={field} flexDirection="column">
            <Text wrap="truncate-start">
              <Text color={focused ? "cyan" : undefined}>{focused ? "›" : " "} </Text>
              <Text dimColor={!focused}>{field.padEnd(8)}</Text>
              <Text>{composer.values[field] ?? ""}</Text>
              {focused && !sending && <Text inverse> </Text>}
            </Text>
            {error && (
              <Text color="red" wrap="truncate-end">
                {"  "}✗ {field}: {error}
              </Text>
            )}
          </Box>
        );
      })}
      {composer.failure && (
        <Text color="red" wrap="truncate-end">
          ✗ not sent: {composer.failure}
        </Text>
      )}
    </Box>
  );
}
