import { parseClientMessage } from "../src/protocol/tagged.js";
import type { BenchContext, Benchmark, Measured } from "./types.js";

const MESSAGES = {
  sms: JSON.stringify({
    type: "sms_received",
    from: "+15551234567",
    to: "+15559876543",
    message: "Hello boss, can we move the meeting to 3pm?",
    user: "alice",
  }),
  email: JSON.stringify({
    type: "email_received",
    from: "alice@example.com",
    to: "boss@example.com",
    subject: "Quarterly numbers",
    body: "Hi boss,\nthe numbers are in: revenue is up 12% on the quarter. Details attached.\n— Alice",
    user: "alice",
  }),
  auth: JSON.stringify({ type: "auth", token: "bench-token-0123456789" }),
};

const SLICES = 10;

/**
 * ns per call of `value` and of `baseline` over a window each, run alternately in tenths of it (after
 * a warm-up of a quarter), so that a load change on the shared machine falls on both alike.
 */
function nsPerCall(value: () => unknown, baseline: () => unknown, windowMs: number): Measured {
  let sink: unknown;
  const totals = { value: { ms: 0, calls: 0 }, baseline: { ms: 0, calls: 0 } };
  const run = (fn: () => unknown, ms: number, into: { ms: number; calls: number }) => {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 1000; k++) sink = fn();
      calls += 1000;
      now = performance.now();
    }
    into.ms += now - start;
    into.calls += calls;
  };
  const scratch = { ms: 0, calls: 0 };
  run(baseline, windowMs / 4, scratch);
  run(value, windowMs / 4, scratch);
  for (let s = 0; s < SLICES; s++) {
    run(baseline, windowMs / SLICES, totals.baseline);
    run(value, windowMs / SLICES, totals.value);
  }
  if (sink === undefined) throw new Error("no result");
  const ns = (t: { ms: number; calls: number }) => (t.ms * 1e6) / t.calls;
  return { value: ns(totals.value), baseline: ns(totals.baseline) };
}

function parseFigure(kind: keyof typeof MESSAGES): Benchmark {
  const text = MESSAGES[kind];
  return {
    name: `protocol.parse_client.${kind}`,
    unit: "ns",
    goal: { at: "most", ratio: 2 },
    baselineLabel: "JSON.parse of the same text",
    run: async (ctx: BenchContext) => {
      const result = parseClientMessage(text, ["monitor"]);
      if (!result.ok) throw new Error(`the bench message does not parse: ${result.detail}`);
      return nsPerCall(
        () => parseClientMessage(text, ["monitor"]),
        () => JSON.parse(text),
        ctx.windowMs,
      );
    },
  };
}

export const benchmarks: Benchmark[] = [parseFigure("sms"), parseFigure("email"), parseFigure("auth")];
