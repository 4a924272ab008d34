import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AUTH_OK } from "../../conformance/cases/spec.js";
import { describeDifference, firstDifference } from "./answers.js";
import { frame } from "./frames.js";
import { Oracle } from "./oracle.js";
import { exchange, startFaithfulSupervisor } from "./wire.js";

/** 110 connections of 200 frames: 22,000 frames, each connection a fresh server on both sides. */
const BATCHES = 110;
const BATCH = 200;
const MIN_FRAMES = 20_000;
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);

let oracle: Oracle;
let frames = 0;
beforeAll(() => {
  oracle = Oracle.start();
});
afterAll(async () => {
  await oracle?.close();
  const summary = process.env.CONFORMANCE_SUMMARY;
  if (summary) writeFileSync(summary, JSON.stringify({ fuzzFrames: frames, seed }));
});

async function supervisorAnswers(batch: string[]): Promise<string[]> {
  const supervisor = await startFaithfulSupervisor();
  try {
    return await exchange(supervisor.url, batch);
  } finally {
    await supervisor.close();
  }
}

/** The smallest story that still shows the difference: the frame alone, after auth if it was. */
async function explain(batch: string[], expected: string[], index: number): Promise<string> {
  const authenticated = expected
    .slice(0, index)
    .reduce(
      (state, answer) =>
        answer.startsWith('{"type":"auth_result"') ? answer.includes('"success":true') : state,
      false,
    );
  const alone = authenticated ? [AUTH_OK, batch[index] as string] : [batch[index] as string];
  const d = firstDifference(alone, await oracle.answer(alone), await supervisorAnswers(alone));
  if (d) return describeDifference(authenticated ? "alone, after auth" : "alone, on a fresh connection", d);
  const context = batch.slice(Math.max(0, index - 10), index).map((f) => `    ${JSON.stringify(f)}`);
  return `only after these frames on the same connection (${index} in all, the last 10 shown):\n${context.join("\n")}`;
}

it(`the embedded supervisor answers ${BATCHES * BATCH} fuzzed frames as serde_json and the Rust handler do`, async () => {
  // fc.check, not fc.assert: the report is the differing frame and both answers, not a 200-frame dump
  const result = await fc.check(
    fc.asyncProperty(fc.array(frame, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const [expected, actual] = await Promise.all([oracle.answer(batch), supervisorAnswers(batch)]);
      const d = firstDifference(batch, expected, actual);
      if (d) {
        const story = await explain(batch, expected, d.index);
        throw new Error(`${describeDifference(`frame ${d.index + 1} of a fuzzed connection`, d)}\n${story}`);
      }
      frames += batch.length;
    }),
    { numRuns: BATCHES, seed, endOnFailure: true },
  );
  if (result.failed) {
    const cause =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(
      `${cause}\n(FUZZ_SEED=${result.seed} repeats this run; ${frames} frames agreed before it)`,
    );
  }
  expect(frames).toBeGreaterThanOrEqual(MIN_FRAMES);
});
