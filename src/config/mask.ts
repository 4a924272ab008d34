/** A token as it may appear in output: `dev-…345`. Short tokens show nothing of themselves. */
export function maskToken(token: string): string {
  if (token.length < 8) return "…";
  return `${token.slice(0, 4)}…${token.slice(-3)}`;
}
