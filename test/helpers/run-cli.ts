import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/xswarm-dev.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Extra environment; the base is only PATH and HOME, so no SUPERVISOR_* or colour variables leak in. */
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed (closed at once when absent). */
  stdin?: string;
  /** Default: a fresh empty temp dir, so config files of the repo do not apply. */
  cwd?: string;
  /** Flags for node itself, before the script (e.g. `--import`). */
  nodeArgs?: string[];
  /** Run the executable itself, through its shebang, as a user's shell does (nodeArgs do not apply). */
  shebang?: boolean;
}

/** A fresh empty directory for a CLI run's working directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "xswarm-e2e-"));
}

/**
 * Runs `node -- bin/xswarm-dev.js ...args` (as the bin's shebang does) asynchronously (a server in the test process must keep
 * answering) and resolves with its exit code and output once it has exited.
 */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? tempDir();
  return new Promise((resolve, reject) => {
    const [command, argv] = options.shebang
      ? [BIN, args]
      : [process.execPath, [...(options.nodeArgs ?? []), "--", BIN, ...args]];
    const child = spawn(command, argv, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: cwd, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => {});
    child.stdin.end(options.stdin ?? "");
  });
}
