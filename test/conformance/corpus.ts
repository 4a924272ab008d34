import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CONFORMANCE = fileURLToPath(new URL("../../conformance/", import.meta.url));

export interface GoldenCase {
  id: string;
  frames: string[];
  answers: string[];
}

/** The corpus files' names, without `.jsonl`. */
export function corpusNames(): string[] {
  return readdirSync(`${CONFORMANCE}corpus`)
    .filter((name) => name.endsWith(".jsonl"))
    .map((name) => name.slice(0, -".jsonl".length))
    .sort();
}

/** One corpus file with its goldens, line by line; throws when the two do not pair up. */
export function loadCases(name: string): GoldenCase[] {
  const read = (dir: string) =>
    readFileSync(`${CONFORMANCE}${dir}/${name}.jsonl`, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const cases = read("corpus");
  const goldens = read("golden");
  if (cases.length !== goldens.length) {
    throw new Error(
      `${name}: ${cases.length} cases but ${goldens.length} goldens; run node conformance/run.mjs --update`,
    );
  }
  return cases.map((c, i) => {
    const golden = goldens[i] ?? {};
    const frames = c.frames as string[];
    const answers = golden.answers as string[] | undefined;
    if (golden.id !== c.id || !Array.isArray(answers) || answers.length !== frames.length) {
      throw new Error(
        `${name}: the golden for ${String(c.id)} is missing or stale; run node conformance/run.mjs --update`,
      );
    }
    return { id: c.id as string, frames, answers };
  });
}

/**
 * Whether a case can see the server's suggestion state (the rate-limit clock, the queue): only a
 * suggestion answer can. Such a case gets a server of its own; the rest share one.
 */
export function seesSuggestionState(c: GoldenCase): boolean {
  return c.answers.some((a) => a.startsWith('{"type":"suggestion_'));
}
