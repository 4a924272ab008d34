import { render } from "ink";
import { App } from "./App.js";
import type { WatchSource } from "./sources/types.js";
import type { ComposerMemory } from "./state/composer.js";

export interface RenderWatchOptions {
  memory?: ComposerMemory;
  capacity?: number;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Closes the dashboard like `q` does when aborted (the command's stop signal). */
  stop?: AbortSignal;
}

const ENTER_ALT_SCREEN = "\u001b[?1049h\u001b[H";
const LEAVE_ALT_SCREEN = "\u001b[?1049l\u001b[?25h";

/**
 * Shows the dashboard for `source` on the terminal until `q`, Ctrl-C or a signal. Draws on the
 * alternate screen and leaves it on exit, so that the terminal is as it was before.
 */
export async function renderWatch(source: WatchSource, options: RenderWatchOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  stdout.write(ENTER_ALT_SCREEN);
  const instance = render(<App source={source} memory={options.memory} capacity={options.capacity} />, {
    stdout,
    stdin: options.stdin ?? process.stdin,
    exitOnCtrlC: false,
    maxFps: 20,
  });
  const stop = () => instance.unmount();
  options.stop?.addEventListener("abort", stop);
  if (options.stop?.aborted) stop();
  try {
    await instance.waitUntilExit();
  } finally {
    options.stop?.removeEventListener("abort", stop);
    instance.cleanup();
    stdout.write(LEAVE_ALT_SCREEN);
  }
}
