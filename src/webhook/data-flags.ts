import { ValidationError } from "../protocol/errors.js";

const HINT = "Write each -d as Key=Value, e.g. -d FromCity=Berlin; see --help.";

/**
 * `-d, --data Key=Value` flags as an ordered map. The value may hold `=`; a later flag of the same key
 * wins; an empty value is allowed (Twilio sends empty fields, e.g. `FromZip=`).
 */
export function parseDataFlags(items: readonly string[]): Map<string, string> {
  const data = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf("=");
    const key = eq === -1 ? "" : item.slice(0, eq).trim();
    if (eq === -1 || key === "")
      throw new ValidationError(
        "--data",
        [
          {
            field: "--data",
            message: `--data ${JSON.stringify(item)}: expected Key=Value${eq === -1 ? " (no =)" : " (no key before =)"}`,
          },
        ],
        HINT,
      );
    data.set(key, item.slice(eq + 1));
  }
  return data;
}
