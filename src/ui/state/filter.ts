import { CATEGORIES, type Category, type FeedEvent } from "./event-model.js";

const CATEGORY_NAMES: ReadonlySet<string> = new Set(CATEGORIES);

type Term =
  | { kind: "category"; category: Category }
  | { kind: "type"; want: string }
  | { kind: "text"; text: string; pattern: RegExp };

/** A parsed filter: every term must match. */
export interface FilterQuery {
  terms: readonly Term[];
  /** Ping/pong keepalives are hidden unless a term asks for them. */
  showPings: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Parses the text typed after `/`. A term that names a category (`sms`, `email`, `ack`, `ai`, `error`,
 * `broadcast`, `control`, `ping`, `other`, `unknown`) matches that category only; `type:<name>` matches
 * the category or part of the frame's type; any other term matches part of the frame (its JSON text:
 * the message, a phone number, a field), the user or the type, or the whole connection id, ignoring case.
 */
export function parseFilter(text: string): FilterQuery {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const showPings = words.some((t) => t === "ping" || t === "pong" || t === "type:ping" || t === "type:pong");
  const terms = words.map((word): Term => {
    if (word.startsWith("type:")) return { kind: "type", want: word.slice(5) };
    if (CATEGORY_NAMES.has(word)) return { kind: "category", category: word as Category };
    return { kind: "text", text: word, pattern: new RegExp(escapeRegExp(word), "i") };
  });
  return { terms, showPings };
}

function termMatches(term: Term, event: FeedEvent): boolean {
  switch (term.kind) {
    case "category":
      return event.category === term.category;
    case "type":
      return event.category === term.want || event.type.toLowerCase().includes(term.want);
    case "text":
      return (
        term.pattern.test(event.json ?? event.raw ?? "") ||
        term.pattern.test(event.type) ||
        (event.user !== undefined && term.pattern.test(event.user)) ||
        event.connectionId.toLowerCase() === term.text
      );
  }
}

export function matchesFilter(query: FilterQuery, event: FeedEvent): boolean {
  if (event.mark) return query.terms.length === 0;
  if (event.category === "ping" && !query.showPings) return false;
  for (const term of query.terms) if (!termMatches(term, event)) return false;
  return true;
}
