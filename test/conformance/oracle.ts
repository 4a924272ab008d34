import { type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";

const DEFAULT_PATH = fileURLToPath(
  new URL("../../conformance/serde-oracle/target/release/serde-oracle", import.meta.url),
);

/**
 * The long-running serde-oracle process (conformance/README.md): one JSON line in, one out, in order.
 * Each `answer` is a fresh Rust server with one connection.
 */
export class Oracle {
  private readonly waiting: { resolve: (answers: string[]) => void; reject: (error: Error) => void }[] = [];
  private buffer = "";
  private next = 0;
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.onData(chunk));
    child.on("exit", (code, signal) => {
      this.exited = new Error(`serde-oracle exited (code ${code}, signal ${signal})`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
  }

  /** Starts the binary at SERDE_ORACLE (set by conformance/run.mjs) or its cargo target path. */
  static start(path = process.env.SERDE_ORACLE ?? DEFAULT_PATH): Oracle {
    if (!existsSync(path)) {
      throw new Error(
        `no serde-oracle at ${path}: run \`npm run test:conformance\`, which builds it with cargo`,
      );
    }
    return new Oracle(spawn(path, [], { stdio: ["pipe", "pipe", "inherit"] }));
  }

  /** What the Rust server answers to each frame, timestamps as `<timestamp>`. */
  answer(frames: string[]): Promise<string[]> {
    if (this.exited) return Promise.reject(this.exited);
    const id = `fuzz-${this.next++}`;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, frames })}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin.end();
    await exit;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\n"); end >= 0; end = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const waiter = this.waiting.shift();
      const reply = JSON.parse(line) as { answers?: string[]; error?: string };
      if (reply.answers) waiter?.resolve(reply.answers);
      else waiter?.reject(new Error(`serde-oracle refused the line: ${reply.error}`));
    }
  }
}
