import { useCallback, useEffect, useRef } from "react";

/**
 * Collects items and hands them to `flush` in one call, at most once per `intervalMs`
 * (50 ms = 20 flushes, so 20 frames, a second), however fast they arrive.
 */
export function useBatch<T>(flush: (items: T[]) => void, intervalMs: number): (item: T) => void {
  const items = useRef<T[]>([]);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const last = useRef(Number.NEGATIVE_INFINITY); // the first batch goes at once
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const run = useCallback(() => {
    timer.current = undefined;
    last.current = performance.now();
    const batch = items.current;
    items.current = [];
    if (batch.length > 0) flushRef.current(batch);
  }, []);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );

  return useCallback(
    (item: T) => {
      items.current.push(item);
      if (timer.current !== undefined) return;
      const wait = Math.max(0, last.current + intervalMs - performance.now());
      timer.current = setTimeout(run, wait);
    },
    [intervalMs, run],
  );
}
