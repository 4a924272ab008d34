import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { tempDir } from "./run-cli.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const run = promisify(execFile);

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackResult {
  filename: string;
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

/**
 * `npm pack` of the repository as it is built (global setup built dist/; `--ignore-scripts` keeps the
 * `prepare` script from building a second time). `destination` writes the tarball, else a dry run.
 */
export async function npmPack(destination?: string): Promise<PackResult> {
  const args = ["pack", "--ignore-scripts", "--json", "--silent"];
  args.push(...(destination ? ["--pack-destination", destination] : ["--dry-run"]));
  const { stdout } = await run("npm", args, {
    cwd: ROOT,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  if (!result) throw new Error(`npm pack printed no result: ${stdout}`);
  return result;
}

/** A fresh folder whose node_modules/xswarm-dev is this repository, as an install from a path makes it. */
export function projectUsingRepo(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "xswarm-dev"), "dir");
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "demo", private: true })}\n`);
  return dir;
}

/** The first fenced block of `language` under the README heading `heading`. */
export function readmeBlock(heading: string, language: string): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const section = readme.slice(start + heading.length + 2);
  const end = section.search(/\n## /);
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(
    end < 0 ? section : section.slice(0, end),
  );
  if (!block?.[1]) throw new Error(`No \`\`\`${language} block under "${heading}" in README.md`);
  return block[1];
}
