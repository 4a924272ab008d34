import { useCallback, useEffect, useRef } from "react";

/** A batch this big means a flood: the next waits twice as long. */
export const FLOOD_BATCH = 100;

/**
 * Collects items and hands them to `flush` in one call, `intervalMs` after the first of them and
 * at most once per `intervalMs` (50 ms = 20 flushes, so 20 frames, a second), however fast they
 * arrive. The first waits too: what comes together (a ping, its pong and its round-trip time; a
 * request and its reply) then makes one frame, not one each. After a batch of
 * FLOOD_BATCH items or more, once per twice that. Under a flood every flush redraws every line of
 * the feed (~30 ms of a 2-core machine's main thread at 5,000 events a second): at 10 a second a
 * key press less often waits behind one, and the feed still moves faster than anyone reads it.
 */
export function useBatch<T>(flush: (items: T[]) => void, intervalMs: number): (item: T) => void {
  const items = useRef<T[]>([]);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const last = useRef(Number.NEGATIVE_INFINITY);
  const flooded = useRef(false);
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const run = useCallback(() => {
    timer.current = undefined;
    last.current = performance.now();
    const batch = items.current;
    items.current = [];
    flooded.current = batch.length >= FLOOD_BATCH;
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
      const interval = flooded.current ? intervalMs * 2 : intervalMs;
      const wait = Math.max(intervalMs, last.current + interval - performance.now());
      timer.current = setTimeout(run, wait);
    },
    [intervalMs, run],
  );
}
