import { parseClientMessage } from "../src/protocol/tagged.js";
import type { BenchContext, Benchmark } from "./types.js";

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

/** ns per call of `fn` over a window (after a warm-up of a quarter of it), the result kept alive. */
function nsPerCall(fn: () => unknown, windowMs: number): number {
  let sink: unknown;
  const run = (ms: number) => {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 1000; k++) sink = fn();
      calls += 1000;
      now = performance.now();
    }
    return ((now - start) * 1e6) / calls;
  };
  run(windowMs / 4);
  const ns = run(windowMs);
  if (sink === undefined) throw new Error("no result");
  return ns;
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
      const baseline = nsPerCall(() => JSON.parse(text), ctx.windowMs);
      const value = nsPerCall(() => parseClientMessage(text, ["monitor"]), ctx.windowMs);
      return { value, baseline };
    },
  };
}

export const benchmarks: Benchmark[] = [parseFigure("sms"), parseFigure("email"), parseFigure("auth")];
