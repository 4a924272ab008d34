import type { Case } from "./case.js";
import { generatedCases } from "./fields.js";
import { authCases, issueCases, largeCases, suggestionCases } from "./sequences.js";
import { stringCases } from "./strings.js";
import { syntaxCases } from "./syntax.js";

export type { Case } from "./case.js";

/** In a `u` regex a surrogate pair is one code point, so this meets only the lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The whole corpus, by file name (`conformance/corpus/<name>.jsonl`), in a fixed order. */
export function corpus(): Record<string, Case[]> {
  return {
    issue: issueCases(),
    syntax: syntaxCases(),
    strings: stringCases(),
    auth: authCases(),
    suggestion: suggestionCases(),
    ...generatedCases(),
    large: largeCases(),
  };
}

/** Throws unless every id is unique and every frame is text a WebSocket can carry (well-formed UTF-16). */
export function checkCorpus(files: Record<string, Case[]>): void {
  const seen = new Set<string>();
  for (const cases of Object.values(files)) {
    for (const c of cases) {
      if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
      seen.add(c.id);
      for (const frame of c.frames) {
        if (LONE_SURROGATE.test(frame)) throw new Error(`case ${c.id}: a frame holds a lone surrogate`);
      }
    }
  }
}
