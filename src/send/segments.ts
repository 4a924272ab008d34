/** How a text travels as SMS. */
export interface SmsSegments {
  encoding: "GSM-7" | "UCS-2";
  /** Characters as a person counts them (Unicode code points). */
  characters: number;
  /** What the carrier counts: GSM-7 septets (extension characters count 2) or UTF-16 code units. */
  units: number;
  /** How many SMS the text costs; 0 for an empty text. */
  segments: number;
  /** Units that fit in one segment at this length: 160/153 for GSM-7, 70/67 for UCS-2. */
  perSegment: number;
}

// GSM 03.38 basic character set (the escape code 0x1B is not a character of its own).
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// GSM 03.38 extension table: each is sent as ESC + the character, so it costs 2 septets.
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const SINGLE = { GSM7: 160, UCS2: 70 } as const;
const MULTI = { GSM7: 153, UCS2: 67 } as const;

/** Septets a character costs in GSM-7: 1, 2 (extension table) or undefined when it is not GSM-7. */
export function gsm7Cost(char: string): 1 | 2 | undefined {
  if (GSM7_BASIC.includes(char)) return 1;
  if (GSM7_EXTENSION.includes(char)) return 2;
  return undefined;
}

/**
 * Length and segment count of an SMS, as carriers count them: GSM-7 (160 septets, 153 per part)
 * unless any character is outside GSM-7, then UCS-2 (70 UTF-16 units, 67 per part). A part never
 * splits an escape pair or a surrogate pair.
 */
export function smsSegments(text: string): SmsSegments {
  const chars = Array.from(text);
  const gsmCosts = chars.map(gsm7Cost);
  const isGsm = gsmCosts.every((c) => c !== undefined);
  const costs = isGsm ? (gsmCosts as number[]) : chars.map((c) => c.length);
  const units = costs.reduce((sum, c) => sum + c, 0);
  const single = isGsm ? SINGLE.GSM7 : SINGLE.UCS2;
  const multi = isGsm ? MULTI.GSM7 : MULTI.UCS2;
  const base = { encoding: isGsm ? "GSM-7" : "UCS-2", characters: chars.length, units } as const;
  if (units === 0) return { ...base, segments: 0, perSegment: single };
  if (units <= single) return { ...base, segments: 1, perSegment: single };
  return { ...base, segments: packParts(costs, multi), perSegment: multi };
}

function packParts(costs: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}
