import { type FSWatcher, watch } from "node:fs";
import { resolve } from "node:path";

export interface WatchOptions {
  paths: readonly string[];
  cwd?: string;
  /** Runs the scenarios again; called once per burst of changes, never twice at a time. */
  rerun(changed: string): Promise<void>;
  signal: AbortSignal;
  /** Changes closer together than this are one change (editors write a file in several steps). */
  debounceMs?: number;
}

/** `--watch`: re-runs on every change under the files and folders named, until `signal` aborts. */
export async function watchScenarioFiles(options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again: string | undefined;
  const fire = (changed: string) => {
    if (running) {
      again = changed;
      return;
    }
    running = options
      .rerun(changed)
      .catch(() => {})
      .finally(() => {
        running = undefined;
        if (again !== undefined && !options.signal.aborted) {
          const next = again;
          again = undefined;
          fire(next);
        }
      });
  };
  const watchers: FSWatcher[] = options.paths.map((path) =>
    watch(resolve(options.cwd ?? process.cwd(), path), { recursive: true }, (_event, name) => {
      clearTimeout(timer);
      timer = setTimeout(() => fire(name ? String(name) : path), debounceMs);
    }),
  );
  try {
    await new Promise<void>((done) => {
      if (options.signal.aborted) done();
      options.signal.addEventListener("abort", () => done(), { once: true });
    });
  } finally {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    await running;
  }
}
