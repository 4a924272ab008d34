#!/usr/bin/env node
// `npm run test:conformance`: builds the serde_json oracle, checks the committed corpus against its
// generator and the committed goldens against the oracle, then runs test/conformance/ (the
// differential fuzz included). `--update` rewrites the corpus and the goldens instead.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const crate = join(root, "conformance/serde-oracle");
const oracle = join(crate, "target/release/serde-oracle");
const corpusDir = join(root, "conformance/corpus");
const goldenDir = join(root, "conformance/golden");
const update = process.argv.includes("--update");

function fail(message) {
  process.stderr.write(`test:conformance: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error?.code === "ENOENT") return { status: 127 };
  return result;
}

// 1. the oracle
const cargo = run("cargo", ["build", "--release", "--offline", "--quiet"], { cwd: crate });
if (cargo.status === 127) {
  fail(
    "cargo is not installed. Install it and the Debian crates: apt-get install cargo librust-serde-json-dev librust-serde-derive-dev librust-serde-dev",
  );
}
if (cargo.status !== 0) {
  fail(
    "the oracle did not build. It needs Debian's crates: apt-get install librust-serde-json-dev librust-serde-derive-dev librust-serde-dev",
  );
}

// 2. the corpus, from its generator
const scratch = mkdtempSync(join(tmpdir(), "xswarm-conformance-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
const freshCorpus = update ? corpusDir : join(scratch, "corpus");
const tsx = join(root, "node_modules/tsx/dist/cli.mjs");
const generated = run(process.execPath, [tsx, "conformance/generate-corpus.ts", "--out", freshCorpus]);
if (generated.status !== 0) fail("the corpus generator failed");
if (!update)
  compareDirs(
    corpusDir,
    freshCorpus,
    "corpus",
    "the committed corpus is not what conformance/generate-corpus.ts writes",
  );

// 3. the goldens, from the oracle
const freshGolden = update ? goldenDir : join(scratch, "golden");
mkdirSync(freshGolden, { recursive: true });
for (const name of jsonl(freshCorpus)) {
  const input = readFileSync(join(freshCorpus, name));
  const result = spawnSync(oracle, [], { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) fail(`the oracle failed on ${name}: ${result.stderr}`);
  writeFileSync(join(freshGolden, name), result.stdout);
}
if (update) {
  for (const name of jsonl(goldenDir)) if (!jsonl(freshCorpus).includes(name)) rmSync(join(goldenDir, name));
  process.stdout.write(`rewrote ${corpusDir} and ${goldenDir}\n`);
  process.exit(0);
}
compareDirs(goldenDir, freshGolden, "golden", "the committed goldens are not what the oracle answers");

// 4. the supervisor against both, and the fuzz
const summary = join(scratch, "summary.json");
const vitest = run(
  process.execPath,
  [join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "vitest.conformance.config.ts"],
  {
    env: { ...process.env, SERDE_ORACLE: oracle, CONFORMANCE_SUMMARY: summary },
  },
);
const counts = { ...countCorpus(corpusDir), ...readCounts(summary) };
process.stdout.write(
  `conformance: ${counts.cases ?? "?"} corpus cases (${counts.frames ?? "?"} frames), ${counts.fuzzFrames ?? "?"} fuzz frames${counts.seed === undefined ? "" : ` (seed ${counts.seed})`}\n`,
);
process.exit(vitest.status ?? 1);

function jsonl(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .sort();
}

function countCorpus(dir) {
  let cases = 0;
  let frames = 0;
  for (const name of jsonl(dir)) {
    for (const line of lines(join(dir, name)) ?? []) {
      cases += 1;
      frames += JSON.parse(line).frames.length;
    }
  }
  return { cases, frames };
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

/** Fails with the first differing cases, side by side, unless both directories hold the same files. */
function compareDirs(committed, fresh, what, headline) {
  const problems = [];
  const names = new Set([...jsonl(committed), ...jsonl(fresh)]);
  for (const name of [...names].sort()) {
    const a = lines(join(committed, name));
    const b = lines(join(fresh, name));
    if (a === null) problems.push(`${what}/${name}: missing from the repository`);
    else if (b === null) problems.push(`${what}/${name}: no longer generated`);
    else {
      const byId = new Map(b.map((line) => [idOf(line), line]));
      const seen = new Set();
      for (const line of a) {
        const id = idOf(line);
        seen.add(id);
        const other = byId.get(id);
        if (other === undefined) problems.push(`${what}/${name} ${id}: no longer generated`);
        else if (other !== line) problems.push(`${what}/${name} ${id}:\n${explainLine(line, other)}`);
      }
      for (const line of b)
        if (!seen.has(idOf(line))) problems.push(`${what}/${name} ${idOf(line)}: new, not committed`);
      if (problems.length === 0 && a.join("\n") !== b.join("\n"))
        problems.push(`${what}/${name}: same cases in another order`);
    }
  }
  if (problems.length === 0) return;
  const shown = problems.slice(0, 25).join("\n  ");
  const more = problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : "";
  fail(
    `${headline} (${problems.length} differences):\n  ${shown}${more}\nRun \`node conformance/run.mjs --update\` and review the diff if the change is intended.`,
  );
}

/** Where two lines of the same case differ: the first differing answer or frame, else both lines. */
function explainLine(committed, now) {
  try {
    const a = JSON.parse(committed);
    const b = JSON.parse(now);
    const key = Array.isArray(a.answers) ? "answers" : "frames";
    const length = Math.max(a[key]?.length ?? 0, b[key]?.length ?? 0);
    for (let i = 0; i < length; i++) {
      if (a[key]?.[i] !== b[key]?.[i]) {
        return `    ${key === "answers" ? "answer" : "frame"} ${i + 1}\n    committed: ${cut(String(a[key]?.[i]))}\n    now:       ${cut(String(b[key]?.[i]))}`;
      }
    }
  } catch {
    // not JSON: show the lines
  }
  return `    committed: ${cut(committed)}\n    now:       ${cut(now)}`;
}

function lines(file) {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  } catch {
    return null;
  }
}

function idOf(line) {
  try {
    return JSON.parse(line).id;
  } catch {
    return line.slice(0, 60);
  }
}

function cut(line) {
  return line.length > 600 ? `${line.slice(0, 600)}... (${line.length} chars)` : line;
}
