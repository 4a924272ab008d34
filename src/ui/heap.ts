import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past what the last full GC kept, in percent. V8's own
 * factor grows with the allocation rate (up to 4x): under a flood, whatever lives ~100 ms (each
 * event in the ring and the batch, the frame in Ink) is promoted at 5-20 MB/s, and the dashboard's
 * ~20 MB of live heap became a 60-130 MB old generation before each full GC (peak RSS 1.4-1.7x
 * idle) with the ring buffer holding ~1.4 MB of it. A fixed 1.3x keeps the peak near what is live,
 * for a full GC (~10-20 ms) about every 7 MB promoted.
 */
const HEAP_GROWING_PERCENT = 30;
/**
 * The young generation (its two semi-spaces) stops growing at this size. V8's default (2 x 16 MB)
 * serves short, allocation-heavy scripts: loading the dashboard and the embedded supervisor grew it
 * to 16-32 MB and a flood to 32, all of it in RSS. Held at its starting size (2-4 MB), a flood's
 * scavenges ran 40 times a second and took a quarter of the main thread (key latency 3x idle).
 */
const MAX_NEW_SPACE_BYTES = 8 * 1024 * 1024;

const newSpaceBytes = () =>
  getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;

/**
 * V8's heap sizing for a screen that runs for hours with a bounded buffer: memory close to what is
 * live beats the fewer collections of V8's defaults. V8 reads both flags at each collection or
 * growth, so they apply from when they are set: call this before the dashboard and its source load.
 * (`--max-semi-space-size` would be the flag for the cap, but Node reads it only at start; here the
 * growth factor becomes 1 once the young generation has reached the cap.)
 */
export function tuneHeapForScreen(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const capped = () => {
    if (newSpaceBytes() < MAX_NEW_SPACE_BYTES) return false;
    setFlagsFromString("--semi-space-growth-factor=1");
    return true;
  };
  if (capped()) return;
  const watcher = new PerformanceObserver(() => capped() && watcher.disconnect());
  watcher.observe({ entryTypes: ["gc"] });
}
