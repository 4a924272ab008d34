/** The part of a terminal stream the progress line needs (process.stderr fits). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

/** Where a load run stands. */
export interface ProgressState {
  done: number;
  total: number;
  ok: number;
  failed: number;
  elapsedMs: number;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Clears the line so that the summary starts on a clean line. */
  finish(): void;
}

/** One line: `[#######.......]  42/100  ok 41  failed 1  120/s`, fitted to `columns`. */
export function renderProgressLine(state: ProgressState, columns = 80): string {
  const { done, total, ok, failed, elapsedMs } = state;
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const counts = `${String(done).padStart(String(total).length)}/${total}  ok ${ok}  failed ${failed}  ${rate}/s`;
  const barWidth = Math.max(0, Math.min(40, columns - counts.length - 5));
  if (barWidth < 5) return counts.slice(0, Math.max(0, columns - 1));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  return `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}]  ${counts}`;
}

const NOOP: Progress = { update() {}, finish() {} };

/**
 * A progress line redrawn in place on `stream`, at most every `intervalMs` (and always at the end).
 * Draws nothing when the stream is not a terminal.
 */
export function createProgress(
  stream: ProgressStream,
  options: { intervalMs?: number; now?: () => number } = {},
): Progress {
  if (!stream.isTTY) return NOOP;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(state) {
      const t = now();
      if (state.done < state.total && t - last < interval) return;
      last = t;
      drawn = true;
      stream.write(`\r\x1b[2K${renderProgressLine(state, stream.columns ?? 80)}`);
    },
    finish() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
