import { CATEGORIES, type Category, type FeedEvent } from "./event-model.js";

const CATEGORY_NAMES: ReadonlySet<string> = new Set(CATEGORIES);

/** A parsed filter: every term must match. */
export interface FilterQuery {
  terms: readonly string[];
  /** Ping/pong keepalives are hidden unless a term asks for them. */
  showPings: boolean;
}

/**
 * Parses the text typed after `/`. A term that names a category (`sms`, `email`, `ack`, `ai`, `error`,
 * `broadcast`, `control`, `ping`, `other`, `unknown`) matches that category only; `type:<name>` matches
 * the category or part of the frame's type; any other term matches part of the user, the summary or the
 * type, or the whole connection id, ignoring case.
 */
export function parseFilter(text: string): FilterQuery {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  const showPings = terms.some((t) => t === "ping" || t === "pong" || t === "type:ping" || t === "type:pong");
  return { terms, showPings };
}

function termMatches(term: string, event: FeedEvent): boolean {
  if (term.startsWith("type:")) {
    const want = term.slice(5);
    return event.category === want || event.type.toLowerCase().includes(want);
  }
  if (CATEGORY_NAMES.has(term)) return event.category === (term as Category);
  return (
    event.summary.toLowerCase().includes(term) ||
    event.type.toLowerCase().includes(term) ||
    (event.user?.toLowerCase().includes(term) ?? false) ||
    event.entry.connection_id.toLowerCase() === term
  );
}

export function matchesFilter(query: FilterQuery, event: FeedEvent): boolean {
  if (event.category === "ping" && !query.showPings) return false;
  for (const term of query.terms) if (!termMatches(term, event)) return false;
  return true;
}
