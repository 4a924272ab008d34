/**
 * A token as it may appear in output. Tokens of 15+ characters show their first 4 and last 3
 * (`dev-…345`), tokens of 10 to 14 their first 2 and last 2 (`ab…yz`), shorter ones nothing (`…`),
 * so that at most half of a token ever shows.
 */
export function maskToken(token: string): string {
  if (token.length >= 15) return `${token.slice(0, 4)}…${token.slice(-3)}`;
  if (token.length >= 10) return `${token.slice(0, 2)}…${token.slice(-2)}`;
  return "…";
}

/** `text` with every occurrence of `token` replaced by its masked form. */
export function redact(text: string, token: string | undefined): string {
  return token && text.includes(token) ? text.split(token).join(maskToken(token)) : text;
}
