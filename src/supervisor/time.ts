let lastMs = Number.NaN;
let lastIso = "";
let lastRfcMs = Number.NaN;
let lastRfc = "";

/** `Date#toISOString` of an epoch-ms time, reusing the previous string within the same millisecond. */
export function isoTime(ms: number): string {
  const whole = Math.floor(ms);
  if (whole !== lastMs) {
    lastMs = whole;
    lastIso = new Date(whole).toISOString();
  }
  return lastIso;
}

/**
 * `rfc3339` of an epoch-ms time, reusing the previous string within the same millisecond (every
 * acknowledgement carries one, and a busy server answers many in one millisecond).
 */
export function rfc3339At(ms: number): string {
  const whole = Math.floor(ms);
  if (whole !== lastRfcMs) {
    lastRfcMs = whole;
    lastRfc = `${isoTime(whole).slice(0, -1)}000000+00:00`;
  }
  return lastRfc;
}

/**
 * An RFC 3339 timestamp shaped like Rust's `chrono::Utc::now().to_rfc3339()`:
 * `2025-01-15T10:30:00.123000000+00:00` (nine fraction digits, `+00:00`).
 */
export function rfc3339(date: Date = new Date()): string {
  return rfc3339At(date.getTime());
}
