import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs` (for the uptime and the reconnect countdown). */
export function useNow(now: () => number = Date.now, intervalMs = 1000): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return time;
}
