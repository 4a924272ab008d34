/** The shape of `chrono::Utc::now().to_rfc3339()`: 0, 3, 6 or 9 fraction digits, `+00:00`. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6}|\.\d{9})?\+00:00$/;

/** A `"timestamp":"…"` member; a string value cannot hold an unescaped `"`, so this only meets keys. */
const TIMESTAMP_MEMBER = /"timestamp":"([^"\\]*)"/g;

/** The reply text with each timestamp value replaced by `<timestamp>`, and the values it held. */
export function maskTimestamps(text: string): { masked: string; timestamps: string[] } {
  const timestamps: string[] = [];
  const masked = text.replace(TIMESTAMP_MEMBER, (_all, value: string) => {
    timestamps.push(value);
    return '"timestamp":"<timestamp>"';
  });
  return { masked, timestamps };
}

export interface Difference {
  index: number;
  frame: string;
  expected: string;
  actual: string;
}

/**
 * Compares the supervisor's replies with the oracle's, timestamps aside (the oracle writes
 * `<timestamp>`; the supervisor's must have chrono's shape). Returns the first difference.
 */
export function firstDifference(
  frames: string[],
  expected: string[],
  actual: string[],
): Difference | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index] ?? "<no reply>";
    const got = actual[index] ?? "<no reply>";
    const { masked, timestamps } = maskTimestamps(got);
    const badTime = timestamps.find((t) => !RFC3339.test(t));
    if (masked !== want || badTime !== undefined) {
      const actualText =
        badTime === undefined
          ? got
          : `${got}   (timestamp ${JSON.stringify(badTime)} is not RFC 3339 like chrono's)`;
      return { index, frame: frames[index] ?? "<none>", expected: want, actual: actualText };
    }
  }
  return undefined;
}

/** A difference as a few readable lines. */
export function describeDifference(id: string, d: Difference): string {
  const cut = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}... (${s.length} chars)` : s);
  return [
    `${id}, frame ${d.index + 1}:`,
    `  frame:      ${cut(JSON.stringify(d.frame))}`,
    `  Rust says:  ${cut(d.expected)}`,
    `  we say:     ${cut(d.actual)}`,
  ].join("\n");
}
