// esbuild's code splitting makes one chunk per set of entry points (every dynamic import() is one) that
// share its modules, so a send-sms run loaded 35 files, most of a few KB. Each ES module file costs Node's
// loader a resolve, a read, a compile and a link, more than the code in most of them.
//
// This pass merges chunks that load at the same moment. A chunk loads with the first of its entries that
// loads: an entry reached only through others of its entries (send-flow only through send-sms or
// send-email) never loads it. Chunks whose remaining entries are the same hot ones (the CLI's sends and
// doctor, the library) are merged: a hot run loads the very same code from fewer files; a cold one (watch,
// tap, test…) may load a little more of it than it needs, never less.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { build } from "esbuild";
import { shiftSourceMap } from "./shift-source-map.mjs";

/** Which output files each output reaches through its static imports, itself included. */
function staticClosures(outputs) {
  const closures = new Map();
  const closure = (file) => {
    if (closures.has(file)) return closures.get(file);
    const seen = new Set([file]);
    closures.set(file, seen);
    for (const { path, kind, external } of outputs[file].imports)
      if (kind === "import-statement" && !external) for (const reached of closure(path)) seen.add(reached);
    return seen;
  };
  for (const file of Object.keys(outputs)) closure(file);
  return closures;
}

/** For each entry, the entries its files import dynamically. */
function entryGraph(outputs, closures, entries) {
  const graph = new Map();
  for (const entry of entries) {
    const targets = new Set();
    for (const file of closures.get(entry))
      for (const { path, kind, external } of outputs[file].imports)
        if (kind === "dynamic-import" && !external) targets.add(path);
    graph.set(entry, targets);
  }
  return graph;
}

// Whether every way to `entry` (from an entry that nothing imports) goes through one of `through`: then
// whatever `through` all load is loaded before `entry` is, and `entry` adds nothing to when it loads.
function onlyAfter(entry, through, graph, roots) {
  const seen = new Set();
  const queue = roots.filter((root) => !through.has(root));
  while (queue.length > 0) {
    const next = queue.pop();
    if (next === entry) return false;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const target of graph.get(next)) if (!through.has(target)) queue.push(target);
  }
  return true;
}

/**
 * The groups of chunks to merge. A chunk loads with the first of its entries (those whose static imports
 * reach it) that loads, so only the entries that can load before the others count; chunks whose such
 * entries are the same hot ones (in `hot`) are merged, if a CLI one (in `cli`) is among them: the
 * library's own chunks stay as they are. A group's first file is the one it is merged into: the entry,
 * when the group loads only with that one.
 */
export function chunkGroups(metafile, hot, cli, alike = []) {
  const outputs = Object.fromEntries(
    Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".js")),
  );
  const closures = staticClosures(outputs);
  const entries = Object.keys(outputs).filter((file) => outputs[file].entryPoint !== undefined);
  const graph = entryGraph(outputs, closures, entries);
  const imported = new Set([...graph.values()].flatMap((targets) => [...targets]));
  const roots = entries.filter((entry) => !imported.has(entry));
  const groups = new Map();
  for (const file of Object.keys(outputs)) {
    if (outputs[file].entryPoint !== undefined) continue;
    const loaders = entries.filter((entry) => closures.get(entry).has(file));
    const first = loaders.filter(
      (entry) => !onlyAfter(entry, new Set(loaders.filter((e) => e !== entry)), graph, roots),
    );
    const hotFirst = first.filter((entry) => hot.includes(outputs[entry].entryPoint));
    if (!hotFirst.some((entry) => cli.includes(outputs[entry].entryPoint))) continue;
    // Entries alike count as one: what loads with one of them loads with the others too.
    const named = hotFirst.map((entry) => {
      const source = outputs[entry].entryPoint;
      return alike.find((sources) => sources.includes(source))?.join("|") ?? entry;
    });
    const key = [...new Set(named)].sort().join(" ");
    const group = groups.get(key) ?? { files: [], loaders: new Set() };
    group.files.push(file);
    for (const entry of hotFirst) group.loaders.add(entry);
    groups.set(key, group);
  }
  absorbSmall(groups, outputs, graph, roots);
  // Chunks that load only with one hot entry go into that entry's own file.
  return [...groups]
    .map(([key, group]) => [key, group.files])
    .flatMap(([key, files]) => apart(entries.includes(key) ? [key, ...files.sort()] : files.sort(), outputs))
    .filter((files) => files.length > 1 && !makesCycle(files, outputs, closures));
}

// A small group (config/types.ts' constants, 3.4 KB) whose entries each load only after one of a larger
// group's joins that group: its entries then load it with the other one, which they load anyway; the
// larger group's runs load a few KB more (the library's as before: both hold it, or neither).
const SMALL = 4096;
function absorbSmall(groups, outputs, graph, roots) {
  const size = (group) => group.files.reduce((sum, file) => sum + outputs[file].bytes, 0);
  for (const [key, small] of groups) {
    if (size(small) >= SMALL) continue;
    const into = [...groups].find(
      ([other, group]) =>
        other !== key &&
        size(group) >= SMALL &&
        [...small.loaders].every(
          (entry) => group.loaders.has(entry) || onlyAfter(entry, group.loaders, graph, roots),
        ) &&
        [...group.loaders].every(
          (entry) => small.loaders.has(entry) || !outputs[entry].entryPoint.endsWith("index.ts"),
        ),
    );
    if (into === undefined) continue;
    into[1].files.push(...small.files);
    groups.delete(key);
  }
}

// Chunks may export the same name (two modules' `systemClock`, two built-ins' `require_promises`): one
// file cannot, so such chunks go to different files.
function apart(files, outputs) {
  const parts = [];
  for (const file of files) {
    const names = outputs[file].exports;
    const part = parts.find((p) => !names.some((name) => p.names.has(name)));
    if (part) {
      part.files.push(file);
      for (const name of names) part.names.add(name);
    } else parts.push({ files: [file], names: new Set(names) });
  }
  return parts.map((part) => part.files);
}

// A chunk outside the group that imports one inside it, and is imported by it, would make the merged
// file import itself through that chunk: the group is left as it is.
function makesCycle(files, outputs, closures) {
  const members = new Set(files);
  return files.some((file) =>
    outputs[file].imports.some(
      ({ path, kind, external }) =>
        kind === "import-statement" &&
        !external &&
        !members.has(path) &&
        [...closures.get(path)].some((reached) => members.has(reached)),
    ),
  );
}

/** An import specifier of `to` from a file in `fromDir`. */
function specifier(fromDir, to) {
  const path = relative(fromDir, to).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * Merges each group into its first file (esbuild bundles the group's files together, every other file
 * external) and points the imports of every output at it, moving the columns of the importers' source
 * maps where an import's path got longer or shorter.
 */
export async function mergeChunks({ root, metafile, hot, cli, alike, options }) {
  const groups = chunkGroups(metafile, hot, cli, alike);
  const renamed = new Map();
  for (const files of groups) {
    const [target, ...merged] = files.map((file) => join(root, file));
    const members = new Set([target, ...merged]);
    const dir = dirname(target);
    const result = await build({
      ...options,
      stdin: {
        contents: [...members].map((file) => `export * from "${specifier(dir, file)}";`).join("\n"),
        resolveDir: dir,
        // Not a member's name: esbuild would take this entry for that file.
        sourcefile: `merge of ${files.length} files`,
        loader: "js",
      },
      outfile: target,
      write: false,
      splitting: false,
      metafile: true,
      plugins: [
        {
          name: "outside-the-group",
          setup(build) {
            build.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === "entry-point") return undefined;
              if (!args.path.startsWith(".")) return { path: args.path, external: true };
              const file = join(args.resolveDir, args.path);
              return members.has(file) ? undefined : { path: specifier(dir, file), external: true };
            });
          },
        },
      ],
    });
    const exported = new Set(Object.values(result.metafile.outputs).flatMap((output) => output.exports));
    const lost = files
      .flatMap((file) => metafile.outputs[file].exports)
      .filter((name) => !exported.has(name));
    if (lost.length > 0) throw new Error(`merging ${files.join(", ")} lost the exports ${lost.join(", ")}`);
    for (const { path, contents } of result.outputFiles) writeFileSync(path, contents);
    for (const file of merged) {
      rmSync(file);
      rmSync(`${file}.map`, { force: true });
      renamed.set(file, target);
    }
  }
  for (const target of renamed.values()) if (renamed.has(target)) throw new Error(`${target} was merged too`);
  for (const output of Object.keys(metafile.outputs)) {
    const file = join(root, output);
    if (output.endsWith(".js") && !renamed.has(file)) repoint(file, renamed);
  }
  return groups;
}

// The imports (static and dynamic) of `file` that name a merged file now name the file it went into.
function repoint(file, renamed) {
  const text = readFileSync(file, "utf8");
  const edits = [];
  const rewritten = text.replace(/"(\.\.?\/[^"\n]*\.js)"/g, (quoted, path, at) => {
    const target = renamed.get(join(dirname(file), path));
    if (target === undefined) return quoted;
    const now = `"${specifier(dirname(file), target)}"`;
    const before = text.slice(0, at);
    const line = before.split("\n").length - 1;
    edits.push({
      line,
      column: at + quoted.length - (before.lastIndexOf("\n") + 1),
      delta: now.length - quoted.length,
    });
    return now;
  });
  if (edits.length === 0) return;
  writeFileSync(file, rewritten);
  const map = `${file}.map`;
  if (existsSync(map) && edits.some((edit) => edit.delta !== 0))
    writeFileSync(map, JSON.stringify(shiftSourceMap(JSON.parse(readFileSync(map, "utf8")), edits)));
}
