import { Box, Text } from "ink";
import { fitCells, graphemes, wrapCells } from "../format/cells.js";
import { fieldWindow } from "../format/field-view.js";
import { useColour } from "../hooks/use-colour.js";
import { type ComposerField, type ComposerState, fieldsOf, isMultiline } from "../state/composer.js";

export interface ComposerProps {
  composer: ComposerState;
  width: number;
}

const TITLE = { sms: "New SMS", email: "New email" } as const;
/** Rows the email body shows at most; it scrolls to keep the cursor's line in view. */
export const BODY_ROWS = 4;
const LABEL = 10;

function messages(composer: ComposerState, width: number): { field?: ComposerField; lines: string[] }[] {
  const out: { field?: ComposerField; lines: string[] }[] = fieldsOf(composer.kind).flatMap((field) => {
    const error = composer.errors[field];
    return error ? [{ field, lines: wrapCells(`  ✗ ${field}: ${error}`, width, true) }] : [];
  });
  if (composer.failure) out.push({ lines: wrapCells(`✗ not sent: ${composer.failure}`, width, true) });
  return out;
}

const bodyRows = (composer: ComposerState) =>
  composer.kind === "email" ? Math.min(BODY_ROWS, (composer.values.body ?? "").split("\n").length) : 1;

/** Lines the form needs at `width`: title, one per field (the body up to four), errors wrapped whole. */
export function composerLines(composer: ComposerState, width = 80): number {
  const errorLines = messages(composer, width).reduce((n, m) => n + m.lines.length, 0);
  return 2 + fieldsOf(composer.kind).length + bodyRows(composer) - 1 + errorLines;
}

/** The lines of the body shown: those around the cursor's line, at most BODY_ROWS. */
function bodyView(
  text: string,
  cursor: number,
): { lines: string[]; first: number; cursorLine: number; column: number } {
  const before = graphemes(text).slice(0, cursor).join("");
  const cursorLine = before.split("\n").length - 1;
  const column = graphemes(before.split("\n").pop() ?? "").length;
  const lines = text.split("\n");
  const first = Math.max(0, Math.min(cursorLine - BODY_ROWS + 1, lines.length - BODY_ROWS));
  return { lines: lines.slice(first, first + BODY_ROWS), first, cursorLine, column };
}

/** One line of a field's text, with the cursor when it is there. */
function FieldText({ text, cursor, room }: { text: string; cursor: number | undefined; room: number }) {
  if (cursor === undefined) return <Text>{fitCells(text, room)}</Text>;
  const view = fieldWindow(text, cursor, room);
  return (
    <Text>
      {view.clippedStart && <Text dimColor>…</Text>}
      {view.before}
      <Text inverse>{view.at}</Text>
      {view.after}
      {view.clippedEnd && <Text dimColor>…</Text>}
    </Text>
  );
}

/** The SMS or email form: the focused field marked `›` with a cursor, errors in red under their field. */
export function Composer({ composer, width }: ComposerProps) {
  const paint = useColour();
  const sending = composer.status === "sending";
  const room = Math.max(4, width - LABEL);
  const help = isMultiline(composer)
    ? "· Enter new line · Ctrl-S send · Ctrl-O $EDITOR · Esc cancel"
    : "· Tab next field · Enter send · Esc cancel";
  const notes = messages(composer, width);
  return (
    <Box flexDirection="column" width={width}>
      <Text color={paint("cyan")} wrap="truncate-end">
        ─ {TITLE[composer.kind]} {sending ? "· sending…" : help} ─
      </Text>
      {fieldsOf(composer.kind).map((field, i) => {
        const focused = i === composer.focus && !sending;
        const value = composer.values[field] ?? "";
        const label = (
          <Text>
            <Text color={paint(focused ? "cyan" : undefined)} bold={focused}>
              {focused ? "›" : " "}{" "}
            </Text>
            <Text dimColor={!focused}>{field.padEnd(LABEL - 2)}</Text>
          </Text>
        );
        const error = notes.find((n) => n.field === field);
        const rows =
          field === "body"
            ? (() => {
                const view = bodyView(value, composer.cursor);
                return view.lines.map((line, row) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of the body are their position
                  <Text key={`${field}${view.first + row}`} wrap="truncate-end">
                    {row === 0 ? label : " ".repeat(LABEL)}
                    <FieldText
                      text={line}
                      cursor={focused && view.first + row === view.cursorLine ? view.column : undefined}
                      room={room}
                    />
                  </Text>
                ));
              })()
            : [
                <Text key={field} wrap="truncate-end">
                  {label}
                  <FieldText text={value} cursor={focused ? composer.cursor : undefined} room={room} />
                </Text>,
              ];
        return (
          <Box key={field} flexDirection="column">
            {rows}
            {error?.lines.map((line) => (
              <Text key={line} color={paint("red")}>
                {line}
              </Text>
            ))}
          </Box>
        );
      })}
      {notes
        .filter((n) => n.field === undefined)
        .flatMap((n) => n.lines)
        .map((line) => (
          <Text key={line} color={paint("red")}>
            {line}
          </Text>
        ))}
    </Box>
  );
}
