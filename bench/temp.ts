import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/**
 * A new folder in the system's temp folder, removed when this process exits. Kept, the supervisor's
 * bench logs alone came to 7.9 GB after a morning of runs, and the kernel writing them back to disk
 * half a minute later was load on the machine during whichever figure ran then; a log removed before
 * that is never written back.
 */
export function tempDir(prefix: string): string {
  if (made.length === 0)
    process.on("exit", () => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
