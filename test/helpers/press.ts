import { stripVTControlCharacters } from "node:util";
import { vi } from "vitest";

/** What ink-testing-library's `render` returns, as far as these helpers need it. */
export interface InkHandle {
  stdin: { write(data: string): void };
  lastFrame(): string | undefined;
}

/** The last frame without colours. */
export function frameOf(app: InkHandle): string {
  return stripVTControlCharacters(app.lastFrame() ?? "");
}

/** Key sequences as a terminal sends them. */
export const KEYS = {
  up: "\u001b[A",
  down: "\u001b[B",
  pageUp: "\u001b[5~",
  pageDown: "\u001b[6~",
  enter: "\r",
  escape: "\u001b",
  tab: "\t",
  shiftTab: "\u001b[Z",
  backspace: "\u007f",
  ctrlC: "\u0003",
} as const;

/**
 * Resolves once `predicate` holds for the ANSI-stripped frame (vitest's `vi.waitFor`, no fixed sleep)
 * and fails after `timeoutMs` showing the last frame.
 */
export async function waitForFrame(
  app: InkHandle,
  predicate: (frame: string) => boolean,
  timeoutMs = 3000,
): Promise<string> {
  return vi.waitFor(
    () => {
      const frame = frameOf(app);
      if (!predicate(frame)) throw new Error(`The frame never matched. Last frame:\n${frame}`);
      return frame;
    },
    { timeout: timeoutMs, interval: 5 },
  );
}

/** Waits until the frame contains `text`. */
export function waitForText(app: InkHandle, text: string, timeoutMs?: number): Promise<string> {
  return waitForFrame(app, (frame) => frame.includes(text), timeoutMs);
}

/** Types `key` on stdin and resolves with the next frame that differs from the current one. */
export async function press(app: InkHandle, key: string, timeoutMs?: number): Promise<string> {
  const before = frameOf(app);
  app.stdin.write(key);
  return waitForFrame(app, (frame) => frame !== before, timeoutMs);
}
