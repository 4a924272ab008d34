import { render } from "ink";
import type { WatchSource } from "../watch/types.js";
import { App } from "./App.js";
import { editInEditor } from "./editor.js";
import { osc52 } from "./format/command.js";
import type { ComposerMemory } from "./state/composer.js";

export interface RenderWatchOptions {
  memory?: ComposerMemory;
  capacity?: number;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: NodeJS.ProcessEnv;
  /** Closes the dashboard like `q` does when aborted (the command's stop signal). */
  stop?: AbortSignal;
}

const ENTER_ALT_SCREEN = "\u001b[?1049h\u001b[H";
const LEAVE_ALT_SCREEN = "\u001b[?1049l\u001b[?25h";
// Bracketed paste: the terminal marks pasted text, so that a pasted line break is text, not Enter.
const PASTE_ON = "\u001b[?2004h";
const PASTE_OFF = "\u001b[?2004l";

/**
 * Shows the dashboard for `source` on the terminal until `q`, Ctrl-C or a signal. Draws on the
 * alternate screen and leaves it on exit, so that the terminal is as it was before.
 */
export async function renderWatch(source: WatchSource, options: RenderWatchOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const env = options.env ?? process.env;
  stdout.write(ENTER_ALT_SCREEN + PASTE_ON);
  const io = {
    copy: (text: string) => stdout.write(osc52(text)),
    editText: (text: string) =>
      editInEditor(text, {
        env,
        stdin,
        stdout,
        leave: PASTE_OFF + LEAVE_ALT_SCREEN,
        enter: ENTER_ALT_SCREEN + PASTE_ON,
      }),
  };
  const colour = !env.NO_COLOR;
  const instance = render(
    <App source={source} memory={options.memory} capacity={options.capacity} colour={colour} io={io} />,
    { stdout, stdin, exitOnCtrlC: false, maxFps: 60 },
  );
  const stop = () => instance.unmount();
  options.stop?.addEventListener("abort", stop);
  if (options.stop?.aborted) stop();
  try {
    await instance.waitUntilExit();
  } finally {
    options.stop?.removeEventListener("abort", stop);
    instance.cleanup();
    stdout.write(PASTE_OFF + LEAVE_ALT_SCREEN);
  }
}
