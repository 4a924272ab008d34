/**
 * Writes the conformance corpus, `conformance/corpus/<name>.jsonl` (one case a line:
 * `{"id":…,"frames":[…]}`), from conformance/cases/. Deterministic: the same sources give the same
 * bytes. Usage: `npx tsx conformance/generate-corpus.ts [--out <dir>]`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCorpus, corpus } from "./cases/index.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const at = process.argv.indexOf("--out");
const out = at >= 0 ? (process.argv[at + 1] ?? "") : join(here, "corpus");
if (!out) throw new Error("--out needs a directory");

const files = corpus();
checkCorpus(files);
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) if (name.endsWith(".jsonl")) rmSync(join(out, name));
let cases = 0;
let frames = 0;
for (const [name, list] of Object.entries(files)) {
  const text = list.map((c) => JSON.stringify({ id: c.id, frames: c.frames })).join("\n");
  writeFileSync(join(out, `${name}.jsonl`), `${text}\n`);
  cases += list.length;
  frames += list.reduce((n, c) => n + c.frames.length, 0);
}
process.stdout.write(
  `corpus: ${cases} cases, ${frames} frames in ${Object.keys(files).length} files -> ${out}\n`,
);
