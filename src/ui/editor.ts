import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface EditorIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Written before the editor starts and after it ends (leave and re-enter the alternate screen). */
  leave: string;
  enter: string;
}

/**
 * Opens `text` in $VISUAL / $EDITOR (else vi) on the terminal and resolves with what was saved. The
 * dashboard steps aside meanwhile: raw mode off, the alternate screen left, then both restored.
 */
export function editInEditor(text: string, io: EditorIo): Promise<string> {
  const editor = io.env.VISUAL || io.env.EDITOR || "vi";
  const dir = mkdtempSync(join(tmpdir(), "xswarm-dev-body-"));
  const file = join(dir, "body.txt");
  try {
    writeFileSync(file, text);
    const raw = io.stdin.isTTY ? io.stdin.isRaw : false;
    if (io.stdin.isTTY) io.stdin.setRawMode(false);
    io.stdout.write(io.leave);
    const result = spawnSync("/bin/sh", ["-c", `${editor} "$1"`, "sh", file], {
      stdio: "inherit",
      env: io.env,
    });
    io.stdout.write(io.enter);
    if (io.stdin.isTTY) io.stdin.setRawMode(raw);
    if (result.error) return Promise.reject(result.error);
    if (result.status !== 0)
      return Promise.reject(new Error(`${editor} exited with ${result.status ?? result.signal}`));
    return Promise.resolve(readFileSync(file, "utf8"));
  } catch (error) {
    return Promise.reject(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
