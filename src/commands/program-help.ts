import { EXIT_CODES_HELP } from "./shared.js";
import { COMMANDS } from "./table.js";

// `xswarm-dev --help` is laid out here as commander's Help lays out the program's (the program in
// ./program.ts is built from the same texts), so that it loads neither commander (~50 KB to compile)
// nor the program: its items are the table's terms and descriptions and commander's own lines for
// -V, -h and `help`. test/commands/program-help.test.ts holds it to commander's text at every width.

/** The program's description, first under its usage line. */
export const PROGRAM_DESCRIPTION = "Developer CLI and dashboard for the xswarm supervisor link";

const EXAMPLES = `
Examples:
  $ xswarm-dev supervisor --responder echo        start a dev supervisor on 127.0.0.1:9999
  $ xswarm-dev send-sms "Hello boss" --user alice  send a simulated inbound SMS
  $ xswarm-dev doctor                               diagnose the supervisor link
  $ xswarm-dev watch --embedded                     live dashboard on an embedded supervisor`;

/** What the program's help shows after commander's part. */
export const PROGRAM_HELP_AFTER = `${EXAMPLES}\n${EXIT_CODES_HELP}`;

// commander's defaults: no wrapping in a column narrower than this, and its own items' wording.
const MIN_WIDTH_TO_WRAP = 40;
const HELP_LINE = "display help for command";
const OPTIONS: readonly (readonly [string, string])[] = [
  ["-V, --version", "output the version number"],
  ["-h, --help", HELP_LINE],
];

/** commander's Help.boxWrap: wraps at whitespace to `width`, keeping the line breaks there are. */
function boxWrap(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g);
    if (chunks === null) {
      wrapped.push("");
      continue;
    }
    let sum = [chunks[0] as string];
    let sumWidth = sum[0]?.length ?? 0;
    for (const chunk of chunks.slice(1)) {
      if (sumWidth + chunk.length <= width) {
        sum.push(chunk);
        sumWidth += chunk.length;
        continue;
      }
      wrapped.push(sum.join(""));
      const next = chunk.trimStart();
      sum = [next];
      sumWidth = next.length;
    }
    wrapped.push(sum.join(""));
  }
  return wrapped.join("\n");
}

/** commander's Help.formatItem: the term padded to `termWidth`, the description wrapped beside it. */
function formatItem(term: string, termWidth: number, description: string, helpWidth: number): string {
  const remaining = helpWidth - termWidth - 2 - 2;
  const formatted =
    remaining < MIN_WIDTH_TO_WRAP || /\n[^\S\r\n]/.test(description)
      ? description
      : boxWrap(description, remaining).replace(/\n/g, `\n${" ".repeat(termWidth + 2)}`);
  return `  ${term.padEnd(termWidth)}  ${formatted.replace(/\n/g, "\n  ")}`;
}

/**
 * The top-level `--help`, as commander prints it for a help width of `width` (commander's: the
 * terminal's columns, none for a file or a pipe, which wraps at 80).
 */
export function programHelp(width: number | undefined): string {
  const helpWidth = width ?? 80;
  const commands = [
    ...COMMANDS.map((entry) => [entry.term, entry.description] as const),
    ["help [command]", HELP_LINE] as const,
  ];
  const termWidth = Math.max(...[...OPTIONS, ...commands].map(([term]) => term.length));
  const item = ([term, description]: readonly [string, string]) =>
    formatItem(term, termWidth, description, helpWidth);
  const lines = [
    "Usage: xswarm-dev [options] [command]",
    "",
    boxWrap(PROGRAM_DESCRIPTION, helpWidth),
    "",
    "Options:",
    ...OPTIONS.map(item),
    "",
    "Commands:",
    ...commands.map(item),
    "",
  ];
  return `${lines.join("\n")}${PROGRAM_HELP_AFTER}\n`;
}
