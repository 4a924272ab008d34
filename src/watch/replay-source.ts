import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Clock, systemClock } from "../clock.js";
import { XswarmError } from "../protocol/errors.js";
import { TrafficEntry } from "../protocol/events.js";
import { redactEntry } from "./redact.js";
import { SourceBase } from "./source-base.js";
import type { WatchSource } from "./types.js";

export interface ReplayOptions {
  /** 1 = the recorded pace, 2 = twice as fast; 0 = as fast as possible. Default 1. */
  speed?: number;
  clock?: Pick<Clock, "now" | "sleep">;
  /** Entries held for a late subscriber. Default 5000. */
  buffer?: number;
}

/** Entries emitted back to back before yielding to the event loop, when there is no wait. */
const BURST = 200;

/**
 * Plays a `--record` JSON-lines file back: each line is a TrafficEntry, shown at the pace its `time`
 * fields say (divided by `speed`). Lines that are not entries are skipped and counted.
 */
export class ReplaySource extends SourceBase implements WatchSource {
  readonly client = undefined;
  private run = 0;
  private readonly speed: number;
  private readonly clock: Pick<Clock, "now" | "sleep">;

  constructor(
    readonly url: string,
    options: ReplayOptions = {},
  ) {
    const speed = options.speed ?? 1;
    super(
      { kind: "replay", label: "replay", detail: `${url} ${describeSpeed(speed)}` },
      undefined,
      options.buffer,
    );
    this.speed = speed;
    this.clock = options.clock ?? systemClock;
  }

  /** Checks that the file can be opened, then plays it in the background. */
  async start(): Promise<void> {
    const stream = await openFile(this.url);
    this.playSafely(stream, ++this.run);
  }

  /** Starts over from the first line. */
  reconnect(): void {
    const run = ++this.run;
    this.resetNumbers();
    openFile(this.url).then(
      (stream) => this.playSafely(stream, run),
      (error: Error) => this.failed(error),
    );
  }

  async close(): Promise<void> {
    this.run += 1;
  }

  private playSafely(stream: NodeJS.ReadableStream, run: number): void {
    this.play(stream, run).catch((error: Error) => {
      if (run === this.run) this.failed(error);
    });
  }

  private failed(error: Error): void {
    this.setStatus({ kind: "replay", label: "replay failed", detail: error.message, done: true });
  }

  private async play(stream: NodeJS.ReadableStream, run: number): Promise<void> {
    this.setStatus({ kind: "replay", label: "replay", detail: `${this.url} ${describeSpeed(this.speed)}` });
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    const started = this.clock.now();
    let first: number | undefined;
    let played = 0;
    let skipped = 0;
    let burst = 0;
    try {
      for await (const line of lines) {
        if (run !== this.run) return;
        if (line.trim() === "") continue;
        const entry = parseLine(line);
        if (!entry) {
          skipped += 1;
          continue;
        }
        const at = Date.parse(entry.time);
        first ??= at;
        const due = this.speed > 0 && Number.isFinite(at) ? started + (at - first) / this.speed : 0;
        const wait = due - this.clock.now();
        if (wait > 0) {
          burst = 0;
          await this.clock.sleep(wait);
        } else if (++burst >= BURST) {
          burst = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (run !== this.run) return;
        this.emitEntry(redactEntry(entry));
        played += 1;
      }
    } finally {
      lines.close();
    }
    if (run !== this.run) return;
    const bad =
      skipped > 0 ? ` (${skipped} line${skipped === 1 ? "" : "s"} skipped: not traffic entries)` : "";
    this.setStatus({
      kind: "replay",
      label: "replay finished",
      detail: `${played} events from ${this.url}${bad}`,
      done: true,
    });
  }
}

function parseLine(line: string): TrafficEntry | undefined {
  try {
    const result = TrafficEntry.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function describeSpeed(speed: number): string {
  return speed > 0 ? `at ${speed}x` : "as fast as possible";
}

function openFile(path: string): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { encoding: "utf8" });
    stream.once("open", () => resolve(stream));
    stream.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new XswarmError(
          "invalid_input",
          `Cannot read the replay file ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
          "Record one with `xswarm-dev watch --record <file>` or `xswarm-dev supervisor --record <file>`.",
          { cause: error },
        ),
      ),
    );
  });
}
