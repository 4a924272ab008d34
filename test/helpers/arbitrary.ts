import fc from "fast-check";
import type { z } from "zod";

/**
 * A fast-check arbitrary for the values a zod schema of the protocol accepts. Covers the few shapes the
 * protocol uses (objects, strings, ints, numbers, booleans, enums, literals, optionals, arrays, unknown).
 */
export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definition
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "string":
      return fc.string({ unit: "binary" });
    case "number":
      if (def.format === "safeint") return fc.integer();
      // A refined number is a Rust u64 (protocol/events.ts): whole, from 0 to 2^64.
      if (def.checks?.length)
        return fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(Number));
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "literal":
      return fc.constantFrom(...def.values);
    case "enum":
      return fc.constantFrom(...Object.values(def.entries));
    case "optional":
      return fc.option(arbitraryFor(def.innerType), { nil: undefined });
    case "nullable":
      return fc.option(arbitraryFor(def.innerType), { nil: null });
    case "array":
      return fc.array(arbitraryFor(def.element), { maxLength: 3 });
    case "unknown":
      return fc.jsonValue({ maxDepth: 2 });
    case "record":
    // The one custom schema of the protocol is a JSON object (TrafficEntry.frame in protocol/events.ts).
    case "custom":
      return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const entries = Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v)] as const);
      return fc.record(Object.fromEntries(entries)).map(dropUndefined);
    }
    default:
      throw new Error(`arbitraryFor: no arbitrary for zod type ${def.type}`);
  }
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
