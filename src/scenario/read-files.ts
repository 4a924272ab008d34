import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { ScenarioFileError } from "./errors.js";

export const SCENARIO_EXTENSIONS = [".yaml", ".yml", ".json"];

/** The scenario files named (folders searched for .yaml/.yml/.json, sorted), with their text. */
export function listScenarioFiles(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const files: string[] = [];
  const issues = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(full);
    } catch {
      issues.push({ file: path, line: 0, field: "", message: "no such file or folder" });
      continue;
    }
    if (stats.isDirectory()) {
      const found = walk(full).map((file) => relative(cwd, file) || file);
      if (found.length === 0)
        issues.push({
          file: path,
          line: 0,
          field: "",
          message: "the folder holds no .yaml, .yml or .json file",
        });
      files.push(...found);
    } else files.push(path);
  }
  if (issues.length > 0) throw new ScenarioFileError(issues);
  return [...new Set(files)];
}

function walk(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (SCENARIO_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

export function readScenarioText(file: string, cwd: string = process.cwd()): string {
  try {
    return readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EISDIR" ? "is a folder" : "cannot be read";
    throw new ScenarioFileError([{ file, line: 0, field: "", message: reason }]);
  }
}
