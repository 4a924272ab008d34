import { EXIT } from "../errors.js";

/** The signals that stop a long-running command: Ctrl-C, `kill`, and a closed terminal. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** What a command waits on while it runs. */
export interface StopSignal {
  /** Resolves with the first stop signal. */
  readonly received: Promise<NodeJS.Signals>;
  /** Aborted at the first stop signal, for services that take an AbortSignal. */
  readonly abort: AbortSignal;
  /** The first signal, once one came. */
  signal(): NodeJS.Signals | undefined;
  /** Stops listening: a later signal has Node's default effect again. */
  dispose(): void;
}

export interface StopSignalOptions {
  /** Called at the first signal, e.g. to say "closing clients…". */
  onFirst?(signal: NodeJS.Signals): void;
  /** Default process. */
  target?: Pick<NodeJS.Process, "on" | "off" | "exit">;
}

/**
 * The one signal handling of the commands: the first SIGINT, SIGTERM or SIGHUP asks for a graceful
 * stop; a second one while stopping exits at once with 130. Listen before printing a banner: a
 * script may signal as soon as it reads it.
 */
export function listenForStop(options: StopSignalOptions = {}): StopSignal {
  const target = options.target ?? process;
  const controller = new AbortController();
  let first: NodeJS.Signals | undefined;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal means the graceful stop takes too long for the person waiting.
    if (first !== undefined) return target.exit(EXIT.interrupted);
    first = signal;
    options.onFirst?.(signal);
    controller.abort(signal);
    resolve(signal);
  };
  for (const signal of STOP_SIGNALS) target.on(signal, onSignal);
  return {
    received,
    abort: controller.signal,
    signal: () => first,
    dispose: () => {
      for (const signal of STOP_SIGNALS) target.off(signal, onSignal);
    },
  };
}
