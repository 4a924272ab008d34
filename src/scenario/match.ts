import { isDeepStrictEqual } from "node:util";
import type { Expectation } from "./types.js";

/** One line of the comparison: what was expected of a field, what it was, and whether it held. */
export interface MatchRow {
  field: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (value: unknown): string => (value === undefined ? "(absent)" : JSON.stringify(value));

/** The types an expectation accepts, or undefined for any. */
export function expectedTypes(expect: Expectation | undefined): string[] | undefined {
  if (expect?.type === undefined) return undefined;
  return Array.isArray(expect.type) ? expect.type : [expect.type];
}

function matchField(field: string, matcher: unknown, actual: unknown): MatchRow {
  const row = (expected: string, ok: boolean): MatchRow => ({ field, expected, actual: show(actual), ok });
  if (isObject(matcher)) {
    if ("equals" in matcher) return row(show(matcher.equals), isDeepStrictEqual(actual, matcher.equals));
    if ("contains" in matcher)
      return row(
        `contains ${show(matcher.contains)}`,
        typeof actual === "string" && actual.includes(String(matcher.contains)),
      );
    if ("matches" in matcher)
      return row(
        `matches /${String(matcher.matches)}/`,
        typeof actual === "string" && new RegExp(String(matcher.matches)).test(actual),
      );
    if ("absent" in matcher) return row("(absent)", actual === undefined);
  }
  return row(show(matcher), isDeepStrictEqual(actual, matcher));
}

/** Compares an event with an expectation, field by field. `within_ms` is the runner's business. */
export function matchEvent(expect: Expectation | undefined, event: Json): MatchRow[] {
  const rows: MatchRow[] = [];
  const types = expectedTypes(expect);
  if (types)
    rows.push({
      field: "type",
      expected: types.length === 1 ? show(types[0]) : `one of ${types.join(", ")}`,
      actual: show(event.type),
      ok: types.includes(event.type as string),
    });
  for (const [field, matcher] of Object.entries(expect ?? {})) {
    if (field === "type" || field === "within_ms") continue;
    rows.push(matchField(field, matcher, event[field]));
  }
  return rows;
}

export const allHold = (rows: MatchRow[]): boolean => rows.every((row) => row.ok);
