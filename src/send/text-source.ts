import { readFile } from "node:fs";
import { ValidationError } from "../protocol/errors.js";

/** A text and the flag or argument it came from, for error messages. */
export interface SourcedText {
  value: string | undefined;
  label: string;
}

/** `text` without one final line break, as `echo` and heredocs add it. */
export function dropFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

/** Everything on `stream` (stdin by default) as UTF-8, without the final line break. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return dropFinalNewline(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Picks one text out of alternative flags (e.g. `[text]` and `--message`); `-` means stdin.
 * More than one given is a ValidationError; none gives `value: undefined` labelled with `what`.
 */
export async function pickText(
  what: string,
  options: Array<{ label: string; value: string | undefined; file?: boolean }>,
  stdin: () => Promise<string> = readStdin,
): Promise<SourcedText> {
  const given = options.filter((o) => o.value !== undefined);
  const first = options[0]?.label ?? what;
  if (given.length > 1) {
    const names = given.map((o) => o.label).join(" and ");
    throw new ValidationError(what, [{ field: first, message: `${names}: give the ${what} only once` }]);
  }
  const chosen = given[0];
  if (chosen?.value === undefined) return { value: undefined, label: what };
  if (chosen.value === "-") return { value: await stdin(), label: `${chosen.label} (stdin)` };
  if (!chosen.file) return { value: chosen.value, label: chosen.label };
  try {
    return { value: await readText(chosen.value), label: `${chosen.label} (${chosen.value})` };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new ValidationError(what, [
      { field: chosen.label, message: `${chosen.label}: cannot read ${chosen.value}: ${reason}` },
    ]);
  }
}

// node:fs/promises would load Node's promise-based file handles (and readline with them) on every send.
function readText(path: string): Promise<string> {
  return new Promise((resolve, reject) =>
    readFile(path, "utf8", (error, text) => (error ? reject(error) : resolve(text))),
  );
}
