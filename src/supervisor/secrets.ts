import { maskToken, redact } from "../config/mask.js";
import { tokenCandidates } from "./frame-text.js";

/** Tokens learned from auth-like frames are kept up to this many (the most recent): each costs a scan per frame. */
const MAX_LEARNED = 16;
/** Shorter strings of an auth-like frame are masked in that frame only: masking `a` everywhere would garble the feed. */
const MIN_LEARNED_LENGTH = 6;

const mask = (text: string, token: string) =>
  token.length >= MIN_LEARNED_LENGTH ? redact(text, token) : text;

/**
 * The tokens a traffic feed must never show: the server's own, and those learned from the frames
 * that looked like an `auth`. Masking uses the project's one masking function (`redact`).
 */
export class Secrets {
  private readonly fixed: string[];
  private readonly learned = new Set<string>();

  constructor(known: Iterable<string | undefined> = []) {
    this.fixed = [...known].filter((t): t is string => typeof t === "string" && t !== "");
  }

  /** Remembers the token-like strings of an auth-like inbound frame; returns them all (to mask that frame). */
  learnFrom(text: string): readonly string[] {
    const candidates = tokenCandidates(text);
    for (const candidate of candidates) {
      if (candidate.length < MIN_LEARNED_LENGTH || this.fixed.includes(candidate)) continue;
      this.learned.delete(candidate);
      this.learned.add(candidate);
      if (this.learned.size > MAX_LEARNED) this.learned.delete(this.learned.values().next().value as string);
    }
    return candidates;
  }

  get empty(): boolean {
    return this.fixed.length === 0 && this.learned.size === 0;
  }

  /** Whether `text` holds any secret (`text` may be JSON: secrets are looked for as JSON escapes them too). */
  foundIn(text: string): boolean {
    for (const token of this.all()) {
      if (text.includes(token)) return true;
      const escaped = JSON.stringify(token).slice(1, -1);
      if (escaped !== token && text.includes(escaped)) return true;
    }
    return false;
  }

  /**
   * `text` with every secret and each of `extra` masked, the longest first so that a prefix does not
   * split a token. A short one of `extra` is masked only as a whole string literal (`"ab"`, or `"ab` cut
   * off at the end): masking every `a` of a frame would garble it.
   */
  scrub(text: string, extra: readonly string[] = []): string {
    let out = text;
    for (const token of this.sorted(extra)) {
      if (token.length >= MIN_LEARNED_LENGTH) out = redact(out, token);
      else {
        out = out.split(`"${token}"`).join(`"${maskToken(token)}"`);
        if (out.endsWith(`"${token}`)) out = `${out.slice(0, -token.length)}${maskToken(token)}`;
      }
    }
    return out;
  }

  /** A copy of a JSON value (nested at most MAX_FRAME_DEPTH) with secrets masked in its keys and `extra` too in its strings. */
  scrubValue(value: unknown, extra: readonly string[] = []): unknown {
    const keys = this.sorted([]);
    const values = this.sorted(extra);
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return values.includes(v) ? maskToken(v) : values.reduce(mask, v);
      if (Array.isArray(v)) return v.map(walk);
      if (typeof v === "object" && v !== null)
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys.reduce(mask, k), walk(x)]));
      return v;
    };
    return walk(value);
  }

  private all(): Iterable<string> {
    return this.learned.size === 0 ? this.fixed : [...this.fixed, ...this.learned];
  }

  private sorted(extra: readonly string[]): string[] {
    return [...new Set([...this.all(), ...extra])].sort((a, b) => b.length - a.length);
  }
}
