import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { describeDifference, firstDifference } from "./answers.js";
import { corpusNames, type GoldenCase, loadCases, seesSuggestionState } from "./corpus.js";
import { exchange, pool, startFaithfulSupervisor } from "./wire.js";

const CONNECTIONS_AT_ONCE = 6;
/** Cases per connection on the fast path (see runChain). */
const CHAIN = 40;
const SHOWN = 30;
const RESET = JSON.stringify({ type: "auth", token: "not-the-token" });
const RESET_REPLY = '{"type":"auth_result","success":false,"message":"Invalid authentication token"}';

let shared: SupervisorHandle;
beforeAll(async () => {
  shared = await startFaithfulSupervisor();
});
afterAll(async () => {
  await shared?.close();
});

/** The first difference of one case on a fresh connection (its own server if it sees suggestion state). */
async function runAlone(c: GoldenCase): Promise<string[]> {
  const own = seesSuggestionState(c) ? await startFaithfulSupervisor() : undefined;
  try {
    const d = firstDifference(c.frames, c.answers, await exchange((own ?? shared).url, c.frames));
    return d ? [describeDifference(c.id, d)] : [];
  } finally {
    await own?.close();
  }
}

/**
 * The fast path: the cases one after another on one connection, each after a failed auth (which
 * leaves a Rust connection exactly as unauthenticated as a fresh one). Any difference sends every
 * case of the chain to a fresh connection of its own, so what is reported is always per case.
 */
async function runChain(cases: GoldenCase[]): Promise<string[]> {
  const frames = cases.flatMap((c) => [RESET, ...c.frames]);
  const answers = cases.flatMap((c) => [RESET_REPLY, ...c.answers]);
  const chained = firstDifference(frames, answers, await exchange(shared.url, frames));
  if (!chained) return [];
  const alone = (await pool(cases, 1, runAlone)).flat();
  return alone.length > 0
    ? alone
    : [describeDifference(`a chain of ${cases.length} cases (${cases[0]?.id} ...)`, chained)];
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

describe("the embedded supervisor answers the corpus as the Rust supervisor does (conformance/golden)", () => {
  for (const name of corpusNames()) {
    it(`${name}.jsonl`, async () => {
      const cases = loadCases(name);
      const own = cases.filter(seesSuggestionState);
      const rest = cases.filter((c) => !seesSuggestionState(c));
      const found = await Promise.all([
        pool(own, CONNECTIONS_AT_ONCE, runAlone),
        pool(chunks(rest, CHAIN), CONNECTIONS_AT_ONCE, runChain),
      ]);
      const differences = found.flat(2);
      const more = differences.length > SHOWN ? [`... and ${differences.length - SHOWN} more`] : [];
      expect(
        [...differences.slice(0, SHOWN), ...more].join("\n"),
        `${differences.length} of ${cases.length} cases differ`,
      ).toBe("");
    });
  }
});
