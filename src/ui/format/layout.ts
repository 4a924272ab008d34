/** Heights and widths of the screen areas, from the terminal size. */
export interface Layout {
  width: number;
  /** Lines Ink draws: one less than the terminal, so that Ink updates in place instead of clearing. */
  height: number;
  header: number;
  stats: number;
  status: number;
  /** The feed and the panel (details or composer) side by side, on a wide terminal. */
  sideBySide: boolean;
  feedWidth: number;
  feedHeight: number;
  panelWidth: number;
  /** 0 when the terminal is too small for a panel. */
  panelHeight: number;
}

export const WIDE = 120;

/**
 * Splits the screen: header (2), feed, details or composer panel, stats (2), status bar (1).
 * `panelLines` is what an open composer needs; the details pane otherwise takes a bit less than half.
 */
export function computeLayout(size: { columns: number; rows: number }, panelLines?: number): Layout {
  const width = Math.max(20, size.columns);
  const height = Math.max(5, size.rows - 1);
  const header = 2;
  const status = 1;
  const stats = height >= 14 ? 2 : 0;
  const main = Math.max(1, height - header - status - stats);
  const sideBySide = width >= WIDE;
  const frame = { width, height, header, stats, status, sideBySide };
  if (sideBySide) {
    const feedWidth = Math.floor(width * 0.55);
    return { ...frame, feedWidth, feedHeight: main, panelWidth: width - feedWidth - 1, panelHeight: main };
  }
  const wanted = panelLines ?? (main >= 10 ? Math.min(14, Math.max(4, Math.round(main * 0.45))) : 0);
  const panelHeight = Math.max(0, Math.min(wanted, main - 3));
  return { ...frame, feedWidth: width, feedHeight: main - panelHeight, panelWidth: width, panelHeight };
}
