const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text with HTML's special characters escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The HTML part a mail client writes for a plain-text body: one `<div>` per paragraph (blank lines
 * between), `<br>` for the other line breaks.
 */
export function htmlFromText(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<div>${escapeHtml(p).split("\n").join("<br>")}</div>`);
  return `<html><body>${paragraphs.join("\n")}</body></html>\n`;
}
