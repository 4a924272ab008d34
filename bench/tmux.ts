import { TmuxPane } from "../test/helpers/tmux.js";
import { sleep } from "./stats.js";

/** The tests' tmux pane, polled without vitest (whose `vi.waitFor` needs a running test). */
export class BenchPane extends TmuxPane {
  override async waitFor(predicate: (screen: string) => boolean, timeoutMs = 8000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const screen = this.capture();
      if (predicate(screen)) return screen;
      if (performance.now() > deadline) throw new Error(`The screen never matched. Last screen:\n${screen}`);
      await sleep(10);
    }
  }
}
