import { useEffect, useState } from "react";

/**
 * The current time, refreshed on each multiple of `everyMs` counted from `origin` (epoch ms), and
 * at once when `everyMs` changes, so that what needs the second starts from the right one. The App
 * asks for what its screen shows: seconds for a countdown or the connections' ages, else the
 * uptime's minutes. An idle dashboard so redraws once a minute, not once a second (a frame is
 * ~10 ms of Ink's work, twice the idle budget of 0.5% of a core).
 */
export function useNow(now: () => number = Date.now, everyMs = 1000, origin = 0): number {
  const [time, setTime] = useState(now);
  const [every, setEvery] = useState(everyMs);
  if (every !== everyMs) {
    setEvery(everyMs);
    setTime(now());
  }
  useEffect(() => {
    const step = Math.max(1, every);
    const wait = step - ((((time - origin) % step) + step) % step);
    const timer = setTimeout(() => setTime(now()), wait);
    return () => clearTimeout(timer);
  }, [now, every, origin, time]);
  return time;
}
