import type { Step } from "./types.js";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

const MATCHER_KEYS = ["equals", "contains", "matches", "absent"];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the field matchers of an expectation (`type` and `within_ms` are checked by the schema). */
export function checkExpectation(expect: unknown, report: Report): void {
  if (!isObject(expect)) return;
  for (const [field, matcher] of Object.entries(expect)) {
    if (field === "type" || field === "within_ms") continue;
    if (!isObject(matcher)) continue;
    const keys = Object.keys(matcher);
    if (keys.length !== 1 || !MATCHER_KEYS.includes(keys[0] as string)) {
      report(
        [field],
        `must be a value or one of { equals }, { contains }, { matches }, { absent: true } (got ${keys.join(", ") || "{}"})`,
      );
      continue;
    }
    const [kind] = keys as [string];
    const operand = matcher[kind];
    if ((kind === "contains" || kind === "matches") && typeof operand !== "string")
      report([field, kind], "must be a string");
    else if (kind === "absent" && operand !== true) report([field, kind], "must be true");
    else if (kind === "matches") {
      try {
        new RegExp(operand as string);
      } catch (error) {
        report([field, kind], `is not a valid regular expression: ${(error as Error).message}`);
      }
    }
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** The `${name}` variables a value mentions. */
export function variablesIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") for (const match of value.matchAll(VARIABLE)) out.add(match[1] as string);
  else if (Array.isArray(value)) for (const v of value) variablesIn(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) variablesIn(v, out);
  return out;
}

/** Every `${name}` must be captured by an earlier step, or be `${i}` inside a `repeat`. */
export function checkVariables(
  steps: Step[],
  report: (index: number, path: Path, message: string) => void,
): void {
  const captured = new Set<string>();
  steps.forEach((step, index) => {
    const used = [
      { key: step.action, names: variablesIn(step.payload) },
      { key: "expect", names: variablesIn(step.expect) },
    ];
    for (const { key, names } of used)
      for (const name of names) {
        if (name === "i" && step.repeat > 1) continue;
        if (captured.has(name)) continue;
        const known = captured.size > 0 ? ` (captured so far: ${[...captured].join(", ")})` : "";
        const why =
          name === "i"
            ? `\${i} is the iteration number of a step with repeat: N`
            : `no earlier step captures it${known}`;
        report(index, [key], `uses \${${name}}: ${why}`);
      }
    for (const name of Object.keys(step.capture ?? {})) captured.add(name);
  });
}
